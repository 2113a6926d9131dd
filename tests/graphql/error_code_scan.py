"""Which error codes a mutation can return, read from the source: every `SomeErrorCode.MEMBER`
and every literal `code="..."` in the modules its own module reaches through project imports.
Reaching a module does not prove its codes are raised, so this over-approximates, which is the
safe side for an enum that must list every code."""

import ast
import importlib
import importlib.util
import sys
from functools import cache
from pathlib import Path

from marketplace.core.errors import ErrorCode

PROJECT_PACKAGES = ("catalog", "marketplace", "orders", "search", "vendors")


def _is_project_module(name: str) -> bool:
    parts = name.split(".")
    return (
        parts[0] in PROJECT_PACKAGES
        and "migrations" not in parts
        and not any(part.startswith("demo") for part in parts)
    )


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _absolute(module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.__name__ if Path(module.__file__).name == "__init__.py" else module.__package__
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _is_error_code_class(obj) -> bool:
    return isinstance(obj, type) and issubclass(obj, ErrorCode)


def _is_literal_code(node) -> bool:
    return (
        isinstance(node, ast.keyword)
        and node.arg == "code"
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


@cache
def _module_facts(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(project modules it imports, codes it names)."""
    module = sys.modules.get(name) or importlib.import_module(name)
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported, codes = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                imported.add(full if _is_project_module(full) and _is_module(full) else base)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = getattr(module, node.value.id, None)
            if _is_error_code_class(owner) and node.attr in owner.__members__:
                codes.add(str(owner[node.attr]))
        elif _is_literal_code(node):
            codes.add(node.value.value)
    return frozenset(m for m in imported if _is_project_module(m)), frozenset(codes)


def codes_reachable_from(module_name: str) -> set[str]:
    seen, pending, codes = set(), [module_name], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        imported, named = _module_facts(name)
        codes |= named
        pending.extend(imported - seen)
    return codes
