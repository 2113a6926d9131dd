"""Container health check: GET /healthz on the local gunicorn, exit 0 when it answers 200.

Production settings refuse Host headers outside ALLOWED_HOSTS, so the request names the first
allowed host instead of 127.0.0.1. /healthz is exempt from the HTTPS redirect.
"""

import os
import sys
import urllib.request


def main() -> int:
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[1]
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310 (fixed URL)
            return 0 if response.status == 200 else 1
    except OSError as exc:
        print(f"healthz failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
