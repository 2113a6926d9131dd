import os
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings

from tests.conftest import require_or_skip
from tests.pages.support import compile_catalogues

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse the
# ORM calls that fixtures make from that thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--lang=es-CO",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
VIEWPORTS = {"360": {"width": 360, "height": 740}, "1280": {"width": 1280, "height": 800}}


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture(scope="session")
def browser():
    require_or_skip(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def municipalities(transactional_db):
    """Live-server tests flush the database after each test, taking the rows that migrations
    load with them (roles come back on the flush's post_migrate; municipalities do not). Load
    them again with the migration's own loader, so the data has one source."""
    load = import_module("marketplace.core.migrations.0002_load_municipalities").load
    load(django_apps, None)


@pytest.fixture(params=list(VIEWPORTS), ids=[f"{w}px" for w in VIEWPORTS])
def viewport(request):
    return VIEWPORTS[request.param]


@pytest.fixture
def page(browser, viewport, live_server, municipalities):
    """A fresh browser tab (no cookies) on the live server, in Spanish."""
    context = browser.new_context(viewport=viewport, locale="es-CO", base_url=live_server.url)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    yield page
    context.close()


@pytest.fixture
def screenshot(page, viewport):
    """`screenshot("home")` saves var/screenshots/home-<width>.png (full page) and checks that
    nothing overflows sideways, which is what breaks first on a 360 px phone."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}-{viewport['width']}.png"
        # After a form submission the heading can be visible before images finish loading.
        page.wait_for_load_state("load")
        page.screenshot(path=str(path), full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} overflows horizontally by {overflow}px"
        return path

    return take
