"""Playwright on Debian's Chromium, against the app served on a free port of 127.0.0.1.

Without Chromium the browser tests are skipped on a laptop, but fail when CI=true: CI must run them.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from serve import CHROMIUM, CHROMIUM_ARGS, ROOT, running_app


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium; browser tests never skip in CI")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def app_url():
    with running_app(ROOT / "data") as url:
        yield url


@pytest.fixture(scope="module")
def folder_url(request, browser):
    """A server on the module's own DATA_FOLDER (a fixture folder), for tests that need known data."""
    with running_app(request.module.DATA_FOLDER) as url:
        yield url


class Requests:
    """Every request the page makes, by host."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def hosts(self) -> set[str]:
        return {urlsplit(url).hostname or "" for url in self.urls if urlsplit(url).scheme in ("http", "https", "ws", "wss")}


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.requests = Requests()
    page.on("request", lambda request: page.requests.urls.append(request.url))
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.base_url = app_url
    yield page
    context.close()
