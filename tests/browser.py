"""Headless Chromium for the page tests: Debian's ``chromium`` driven by Playwright.

No browser is ever downloaded: Playwright launches the system's ``/usr/bin/chromium``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The browser the tests drive (Debian's package; .ci/run installs it when missing).
CHROMIUM = os.environ.get("RUNPLAN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Viewport sizes (CSS pixels): a small phone and a laptop screen.
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def chromium_available() -> bool:
    """True when the system browser is installed."""
    return Path(CHROMIUM).is_file()


@dataclass
class Page:
    """A loaded page, with what its console and network said."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@contextmanager
def open_page(html_file: Path, viewport: dict[str, int]) -> Iterator[Page]:
    """Load ``html_file`` in headless Chromium at ``viewport``, recording console errors,
    page errors and every request the page makes."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
            page = context.new_page()
            loaded = Page(page)
            page.on(
                "console",
                lambda m: loaded.errors.append(m.text) if m.type == "error" else None,
            )
            page.on("pageerror", lambda e: loaded.errors.append(str(e)))
            page.on("request", lambda r: loaded.requests.append(r.url))
            page.goto(html_file.resolve().as_uri(), wait_until="load")
            yield loaded
        finally:
            browser.close()


def screenshot(page: Page, path: Path, *, full_page: bool = True) -> Path:
    """Save a PNG of the page (the whole page, or only the viewport)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(path), full_page=full_page)
    return path
