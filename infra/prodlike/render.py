"""Render an nginx template: `${NGINX_*}` placeholders from the environment, like the official
image's envsubst step. A placeholder without a value stops the run instead of leaving an empty
directive behind.

    python render.py TEMPLATE OUTPUT
"""

import os
import re
import sys

PLACEHOLDER = re.compile(r"\$\{(NGINX_[A-Z0-9_]+)\}")


def render(text: str, values: dict[str, str]) -> str:
    missing = sorted({name for name in PLACEHOLDER.findall(text) if name not in values})
    if missing:
        raise SystemExit(f"render.py: no value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


if __name__ == "__main__":
    template, output = sys.argv[1:3]
    with open(template, encoding="utf-8") as source:
        rendered = render(source.read(), dict(os.environ))
    with open(output, "w", encoding="utf-8") as target:
        target.write(rendered)
