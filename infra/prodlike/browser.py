"""A small scripted browser over `requests`: cookies, TLS verified against the run's own
certificate, and HTML forms filled from their defaults (CSRF token included) the way a person's
browser would submit them, Referer header and all (Django checks it on HTTPS)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests


class JourneyError(AssertionError):
    pass


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    # (name, value) pairs in document order; checkboxes and radios only when checked.
    fields: list[tuple[str, str]] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    choices: dict[str, list[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: tuple[str, list[str], list[str]] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append(
                Form(
                    action=attrs.get("action", ""),
                    method=attrs.get("method", "get").lower(),
                    enctype=attrs.get("enctype", ""),
                )
            )
            self._open = True
            return
        if not self._open:
            return  # a control outside any form
        form = self.forms[-1]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            form.names.add(name)
            if kind in ("checkbox", "radio"):
                form.choices.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    form.fields.append((name, attrs.get("value", "on")))
            elif kind == "submit":
                form.choices.setdefault(name, []).append(attrs.get("value", ""))
            elif kind not in ("button", "file", "image", "reset"):
                form.fields.append((name, attrs.get("value", "")))
        elif tag == "button" and name and attrs.get("type", "submit").lower() == "submit":
            # A named submit button is sent only when it is the one pressed: `submit` values.
            form.names.add(name)
            form.choices.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "select" and name:
            form.names.add(name)
            self._select = (name, [], [])
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select[1].append(value)
            if "selected" in attrs:
                self._select[2].append(value)
        elif tag == "textarea" and name:
            form.names.add(name)
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = False
        elif tag == "select" and self._select is not None:
            name, options, selected = self._select
            self.forms[-1].choices[name] = options
            chosen = selected or options[:1]
            self.forms[-1].fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1].fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


class Browser:
    def __init__(self, base_url: str, cacert: str):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.verify = cacert
        # Environment settings (REQUESTS_CA_BUNDLE, proxies) would override the run's own
        # certificate and send loopback traffic elsewhere.
        self.session.trust_env = False
        self.session.headers["Accept-Language"] = "es-CO,es;q=0.9"
        self.page_url = self.base_url + "/"
        self.page = None

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path)

    def get(self, path: str, *, expect: int = 200, **kwargs) -> requests.Response:
        response = self.session.get(self.url(path), timeout=30, **kwargs)
        self._expect(response, expect, f"GET {path}")
        if response.headers.get("Content-Type", "").startswith("text/html"):
            self.page, self.page_url = response, response.url
        return response

    def form(self, *, action: str | None = None, has_field: str | None = None) -> Form:
        """The first form on the current page posting to `action` (a substring) or holding
        a field named `has_field`."""
        for form in parse_forms(self.page.text):
            if action is not None and action not in urljoin(self.page_url, form.action):
                continue
            if has_field is not None and has_field not in form.names:
                continue
            return form
        raise JourneyError(f"no form (action={action!r}, field={has_field!r}) on {self.page_url}")

    def submit(
        self,
        form: Form,
        values: dict | None = None,
        files: dict | None = None,
        expect: int = 200,
        follow: bool = True,
    ) -> requests.Response:
        """Submit `form` with `values` over its defaults; `follow=False` stops at a redirect
        (one that leaves the site, like a payment gateway's hosted page)."""
        values = values or {}
        unknown = set(values) - form.names
        if unknown:
            raise JourneyError(
                f"the form posting to {form.action!r} at {self.page_url} has no field "
                f"{sorted(unknown)} (it has {sorted(form.names)})"
            )
        data = [(name, value) for name, value in form.fields if name not in values]
        for name, value in values.items():
            for item in value if isinstance(value, list) else [value]:
                data.append((name, item))
        target = urljoin(self.page_url, form.action) if form.action else self.page_url
        response = self.session.request(
            form.method.upper() if form.method in ("get", "post") else "GET",
            target,
            data=data if form.method == "post" else None,
            params=data if form.method != "post" else None,
            files=files,
            headers={"Referer": self.page_url},
            timeout=60,
            allow_redirects=follow,
        )
        self._expect(response, expect, f"{form.method.upper()} {target}")
        if response.headers.get("Content-Type", "").startswith("text/html"):
            self.page, self.page_url = response, response.url
        return response

    @staticmethod
    def _expect(response: requests.Response, status: int, what: str) -> None:
        if response.status_code != status:
            raise JourneyError(
                f"{what}: expected HTTP {status}, got {response.status_code}\n{response.text[:600]}"
            )
