"""infra/nginx/tienda.conf.template: rendered as the image and the production-like run render
it, then checked by nginx itself (`nginx -t`) with a throwaway certificate."""

import importlib.util
import os
import shutil
import subprocess

import pytest

from tests.conftest import require_or_skip

from .support import INFRA

TEMPLATE = (INFRA / "nginx" / "tienda.conf.template").read_text(encoding="utf-8")
_spec = importlib.util.spec_from_file_location("render", INFRA / "prodlike" / "render.py")
render_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_module)


def _values(tmp_path) -> dict[str, str]:
    return {
        "NGINX_SERVER_NAME": "tienda.example.com",
        "NGINX_HTTP_PORT": "127.0.0.1:18087",
        "NGINX_HTTPS_PORT": "127.0.0.1:18443",
        "NGINX_HTTPS_PUBLIC_PORT": "443",
        "NGINX_TLS_CERT": str(tmp_path / "cert.pem"),
        "NGINX_TLS_KEY": str(tmp_path / "key.pem"),
        "NGINX_APP_UPSTREAM": "127.0.0.1:18000",
        "NGINX_MEDIA_UPSTREAM": "http://127.0.0.1:19000/tienda-media/",
        "NGINX_STATIC_ROOT": str(tmp_path / "static"),
        "NGINX_CACHE_DIR": str(tmp_path / "cache"),
        "NGINX_MAX_BODY_SIZE": "12m",
    }


def test_every_placeholder_is_documented_by_the_image_or_compose(tmp_path):
    placeholders = set(render_module.PLACEHOLDER.findall(TEMPLATE))
    assert placeholders == set(_values(tmp_path))
    dockerfile = (INFRA / "Dockerfile").read_text(encoding="utf-8")
    compose = (INFRA / "compose.yaml").read_text(encoding="utf-8")
    for name in placeholders - {"NGINX_SERVER_NAME"}:
        assert name in dockerfile or name in compose, name


def test_a_missing_value_stops_the_render():
    with pytest.raises(SystemExit, match="NGINX_TLS_CERT"):
        render_module.render("ssl_certificate ${NGINX_TLS_CERT};", {})
    # nginx's own variables are left alone.
    assert render_module.render("$host ${NGINX_A}", {"NGINX_A": "x"}) == "$host x"


def test_the_proxy_sets_the_headers_django_trusts_and_limits_uploads():
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in TEMPLATE
    assert "proxy_set_header Host $host;" in TEMPLATE
    # The client's own X-Forwarded-For is replaced, never appended to.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in TEMPLATE
    assert "client_max_body_size ${NGINX_MAX_BODY_SIZE};" in TEMPLATE
    assert "return 301 https://" in TEMPLATE
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in TEMPLATE


def test_static_and_media_are_cached():
    static = TEMPLATE.split("location /static/", 1)[1].split("location /media/", 1)[0]
    assert "immutable" in static
    media = TEMPLATE.split("location /media/", 1)[1].split("location / {", 1)[0]
    assert "proxy_cache tienda_media;" in media
    assert "limit_except GET HEAD" in media, "the bucket is read-only through the proxy"
    assert 'proxy_set_header Authorization "";' in media


def test_the_public_site_has_no_metrics_endpoint():
    # Both server blocks: plain HTTP redirects it, HTTPS refuses it before gunicorn sees it.
    https = TEMPLATE.split("listen ${NGINX_HTTPS_PORT}", 1)[1]
    block = https.split("location = /metrics {", 1)[1].split("}", 1)[0]
    assert block.strip() == "return 404;"


def test_nginx_accepts_the_rendered_configuration(tmp_path):
    nginx, openssl = shutil.which("nginx"), shutil.which("openssl")
    require_or_skip(bool(nginx and openssl), "nginx and openssl are not installed")
    values = _values(tmp_path)
    (tmp_path / "static").mkdir()
    (tmp_path / "cache").mkdir()
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=tienda.example.com", "-keyout", values["NGINX_TLS_KEY"]]
        + ["-out", values["NGINX_TLS_CERT"]],
        check=True,
        capture_output=True,
    )
    site = tmp_path / "tienda.conf"
    site.write_text(render_module.render(TEMPLATE, values))
    temp = tmp_path / "tmp"
    temp.mkdir()
    main = tmp_path / "nginx.conf"
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    main.write_text(
        f"{user}\npid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\nclient_body_temp_path {temp}/body;\n"
        f"proxy_temp_path {temp}/proxy;\nfastcgi_temp_path {temp}/fastcgi;\n"
        f"uwsgi_temp_path {temp}/uwsgi;\nscgi_temp_path {temp}/scgi;\n"
        f"access_log off;\ninclude {site};\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(main), "-e", "stderr"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
