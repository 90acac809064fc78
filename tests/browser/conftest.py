"""Playwright on Debian's Chromium, against the app served on a free port of 127.0.0.1.

Without Chromium the browser tests are skipped on a laptop, but fail when CI=true: CI must run them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_support import new_page
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


@pytest.fixture
def base_url(request) -> str:
    """The server a test's pages open: its module's own DATA_FOLDER's if it names one, else the shipped data's."""
    if hasattr(request.module, "DATA_FOLDER"):
        return request.getfixturevalue("folder_url")
    return request.getfixturevalue("app_url")


@pytest.fixture
def open_page(browser, base_url):
    """Opens pages at base_url, each in its own context (a viewport of its own, ``new_page``'s options); all closed
    after the test."""
    pages = []

    def opened(width: int = 1400, height: int = 1000, **options):
        pages.append(new_page(browser, base_url, width, height, **options))
        return pages[-1]

    yield opened
    for page in pages:
        page.context.close()


@pytest.fixture
def page(open_page):
    """A page at base_url, 1400×1000."""
    return open_page()
