"""Audit the installed packages against PyPI's advisory database with pip-audit.

Any known vulnerability fails the step. A package the advisory service does not know (one
served only by a private mirror, or the store itself, installed editable) cannot be audited:
the summary counts and names those, and says plainly when nothing could be checked, so a green
step never hides an audit that did not happen; the same goes when the advisory database cannot
be reached at all. DEPENDENCY_AUDIT_REQUIRED=true turns both cases into failures (for
environments where the advisory database must be reachable).
"""

import json
import os
import subprocess  # noqa: S404 - runs pip-audit from this virtualenv, no shell
import sys
from pathlib import Path


def _required() -> bool:
    return os.environ.get("DEPENDENCY_AUDIT_REQUIRED", "").lower() in {"1", "true"}


def main() -> int:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    completed = subprocess.run(  # noqa: S603 - fixed arguments
        [str(pip_audit), "--skip-editable", "--progress-spinner", "off", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(completed.stderr[-2000:])
        print(
            "WARNING: the dependency audit did not run: pip-audit produced no report (is the "
            "advisory database reachable?); see its error above."
        )
        return 2 if _required() else 0
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = len(dependencies) - len(skipped)
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
    print(
        f"Dependency audit: {audited} packages audited, {len(vulnerable)} with known "
        f"vulnerabilities, {len(skipped)} unknown to the advisory service."
    )
    if skipped:
        print("Not audited: " + ", ".join(sorted(d["name"] for d in skipped)))
    if vulnerable:
        return 1
    if audited == 0 and dependencies:
        print(
            "WARNING: no package could be audited; the advisory database knows none of the "
            "installed versions (packages come from a mirror it does not cover)."
        )
        return 1 if _required() else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
