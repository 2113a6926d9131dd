"""The production-like run's own tools: the scripted browser's form filling and the reader of
the file email backend's output."""

import importlib.util
import sys

import pytest
from django.core.mail import get_connection, send_mail

from .support import INFRA

PRODLIKE = INFRA / "prodlike"


def _load(name):
    spec = importlib.util.spec_from_file_location(f"prodlike_{name}", PRODLIKE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


browser = _load("browser")
mailbox_files = _load("mailbox_files")
metrics_check = _load("metrics_check")

PAGE = """
<form method="get" action="/buscar/"><input name="q"></form>
<form method="post" action="/vender/panel/productos/nuevo/" enctype="multipart/form-data">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok&amp;en">
  <input name="name" value="">
  <textarea name="description">
Línea uno</textarea>
  <select name="category"><option value="">Elige</option><option value="comida">Comida</option></select>
  <select name="tax_class"><option value="exento">Exento</option>
    <option value="iva_19" selected>19 %</option></select>
  <input type="radio" name="kind" value="goods" checked><input type="radio" name="kind" value="service">
  <input type="checkbox" name="track_inventory" checked>
  <input type="checkbox" name="service_municipalities" value="medellin">
  <input type="file" name="image"><button type="submit" name="go">Crear</button>
</form>
"""


def test_forms_start_from_what_a_browser_would_send():
    forms = browser.parse_forms(PAGE)
    assert [form.method for form in forms] == ["get", "post"]
    form = forms[1]
    assert dict(form.fields) == {
        "csrfmiddlewaretoken": "tok&en",
        "name": "",
        "description": "Línea uno",
        "category": "",
        "tax_class": "iva_19",
        "kind": "goods",
        "track_inventory": "on",
    }
    assert form.choices["category"] == ["", "comida"]
    assert form.choices["kind"] == ["goods", "service"]
    # A submit control is never a default; it may be sent as the button pressed.
    assert "image" not in dict(form.fields) and "go" not in dict(form.fields)
    assert "go" in form.names


def test_submitting_an_unknown_field_is_refused():
    page = browser.Browser("https://localhost:1", cacert="/dev/null")
    form = browser.parse_forms(PAGE)[1]
    with pytest.raises(browser.JourneyError, match="nombre"):
        page.submit(form, {"nombre": "x"})


def test_emails_written_by_the_file_backend_are_read_back(tmp_path):
    connection = get_connection(
        "django.core.mail.backends.filebased.EmailBackend", file_path=str(tmp_path)
    )
    send_mail(
        "Tu publicación «Mochila» ya está en la tienda",
        "Hola,\nya está publicada.",
        "tienda@example.com",
        ["tienda1@example.com"],
        connection=connection,
    )
    send_mail("Otro", "x", "tienda@example.com", ["otra@example.com"], connection=connection)
    messages = mailbox_files.messages_to(tmp_path, "tienda1@example.com")
    assert [m["subject"] for m in messages] == ["Tu publicación «Mochila» ya está en la tienda"]
    assert "ya está publicada" in messages[0]["body"]


def test_the_metrics_check_sums_one_view_and_names_the_writing_processes(tmp_path):
    text = (
        "# TYPE tienda_http_requests counter\n"
        'tienda_http_requests_total{view="healthz",method="GET",status="200"} 40.0\n'
        'tienda_http_requests_total{view="healthz",method="HEAD",status="200"} 2.0\n'
        'tienda_http_requests_total{view="metrics",method="GET",status="200"} 5.0\n'
    )
    assert metrics_check.requests_total(text, "healthz") == 42
    for name in ("counter_101.db", "histogram_101.db", "counter_202.db", "gauge_livesum_303.db"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "notes.txt").write_text("")
    assert metrics_check.writer_pids(tmp_path) == {101, 202}, "processes that counted requests"
