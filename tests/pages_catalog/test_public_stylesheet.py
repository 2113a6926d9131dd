"""Public pages load one stylesheet, css/public.css, made of the public style files in cascade
order; production collects it hashed and compressed like any other static file. The business
panel and the staff console add their own stylesheets after it."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

from frontend_templates.static_bundles import BUNDLES, bundle_content

from .support import listing

PUBLIC_PARTS = BUNDLES["css/public.css"]


def stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


@pytest.fixture
def product(shop):
    return listing(shop, "Arepa de chócolo")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/catalogo/",
        "/carrito/",
        "/negocios/",
        "/buscar/?q=arepa",
        "/cuenta/ingresar/",
        "/pqrs/",
    ],
)
def test_public_pages_link_only_the_public_stylesheet(client, product, path):
    response = client.get(path)
    assert response.status_code == 200
    assert stylesheets(response.content.decode()) == ["/static/css/public.css"]


def test_product_page_links_only_the_public_stylesheet(client, product):
    html = client.get(f"/producto/{product.slug}/").content.decode()
    assert stylesheets(html) == ["/static/css/public.css"]


def test_business_panel_adds_its_stylesheets_after_the_public_one(client, vendor_owner):
    client.force_login(vendor_owner)
    html = client.get("/vender/panel/").content.decode()
    assert stylesheets(html) == [
        "/static/css/public.css",
        "/static/css/staff.css",
        "/static/css/dashboard.css",
    ]


def test_bundle_holds_every_public_file_whole_and_in_order():
    bundle = Path(finders.find("css/public.css")).read_text()
    assert bundle == bundle_content("css/public.css").decode()
    position = 0
    for part in PUBLIC_PARTS:
        rules = Path(finders.find(part)).read_text().strip()
        found = bundle.find(rules, position)
        assert found >= position, f"{part} is missing or out of order"
        position = found + len(rules)
    # Workspace styles never reach citizens.
    for workspace in ("css/staff.css", "css/dashboard.css", "css/moderation.css"):
        assert Path(finders.find(workspace)).read_text().strip()[:200] not in bundle


def test_production_collects_the_bundle_hashed_and_compressed(client, db, tmp_path, product):
    storage = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": storage,
        },
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        html = client.get("/").content.decode()
    [href] = stylesheets(html)
    hashed = re.fullmatch(r"/static/(css/public\.[0-9a-f]{12}\.css)", href)
    assert hashed, href
    collected = tmp_path / hashed.group(1)
    assert collected.read_bytes() == (tmp_path / "css/public.css").read_bytes()
    assert (tmp_path / f"{hashed.group(1)}.gz").exists()
    assert "/* css/payments.css */" in collected.read_text()
