"""Highlighted snippets for the database backends, computed in Python from the page's rows.

PostgreSQL's ts_headline does not escape HTML in vendor-written text, and FTS5's snippet()
would show the stemmed text the index stores; this marks the original words whose stem matches
a query stem, escaping everything else, so the result is safe to render as HTML.
"""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import text

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
SNIPPET_CHARS = 180


# A page's names and descriptions repeat their words; folding and stemming each is the cost.
@lru_cache(maxsize=8192)
def _matches(word: str, stems: frozenset[str]) -> bool:
    folded = text.fold(word)
    return folded not in text.STOP_WORDS and text.stem(folded) in stems


def highlight(value: str, stems: frozenset[str]) -> SafeString:
    out, last = [], 0
    for match in _TOKEN.finditer(value):
        if _matches(match.group(), stems):
            out.append(escape(value[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(value[last:]))
    return mark_safe("".join(out))  # noqa: S308 -- every piece above is escaped


def snippet(value: str, stems: frozenset[str], *, size: int = SNIPPET_CHARS) -> SafeString:
    """A window of `value` around its first match (or its start), cut at word boundaries."""
    value = " ".join((value or "").split())
    start = 0
    for match in _TOKEN.finditer(value):
        if _matches(match.group(), stems):
            start = max(match.start() - size // 3, 0)
            break
    end = min(start + size, len(value))
    if start > 0:
        space = value.find(" ", start)
        start = space + 1 if 0 <= space < end else start
    if end < len(value):
        space = value.rfind(" ", start, end)
        end = space if space > start else end
    body = highlight(value[start:end], stems)
    return mark_safe(("… " if start > 0 else "") + body + (" …" if end < len(value) else ""))  # noqa: S308


def query_stems(stems: tuple[str, ...]) -> frozenset[str]:
    """The query's stems and their synonyms': a synonym hit is highlighted as well."""
    found: set[str] = set()
    for stem_ in stems:
        found.update(text.expand(stem_))
    return frozenset(found)


def highlights_for(rows, stems: tuple[str, ...]) -> dict[int, dict[str, str]]:
    """rows: (product id, name, description) of the page, in order."""
    wanted = query_stems(stems)
    return {
        pk: {"name": highlight(name, wanted), "description": snippet(description, wanted)}
        for pk, name, description in rows
    }
