"""The page in a real browser: headless Chromium (Debian's) driven by Playwright.

No console errors; every chart becomes interactive (Vega-Embed); nothing is
requested from outside the page; the skip link is the first tab stop; and an
automated accessibility check (axe-core, WCAG 2.x A and AA rules) finds no
serious or critical violation, with and without JavaScript.

Needs /usr/bin/chromium and axe-core in .tools (``scripts/browser-tools.sh``
installs both; never ``playwright install``). Skips, saying why, only when one
of them is missing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kpibook.render.html import render_html
from kpibook.scorecard.model import Pack

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("KPIBOOK_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(
    os.environ.get("KPIBOOK_AXE", ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js")
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (run scripts/browser-tools.sh)"
    ),
    pytest.mark.skipif(
        not AXE.exists(), reason=f"no axe-core at {AXE} (run scripts/browser-tools.sh)"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Visit:
    """A page opened from a file, with what it logged and asked for."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        url = path.as_uri()

        def route(request_route: Any) -> None:
            if request_route.request.url == url:
                request_route.continue_()
            else:
                self.outside.append(request_route.request.url)
                request_route.abort()

        self.page.route("**/*", route)
        self.page.goto(url)

    def close(self) -> None:
        self.context.close()

    def axe(self) -> list[dict[str, Any]]:
        self.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
        result: dict[str, Any] = self.page.evaluate(
            "options => axe.run(document, options)", options
        )
        violations: list[dict[str, Any]] = result["violations"]
        return violations


def serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + json.dumps([n["target"] for n in v["nodes"][:5]])
        for v in violations
        if v.get("impact") in {"serious", "critical"}
    ]


@pytest.fixture(scope="module")
def interactive(small_pack: Pack, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "scorecard.html"
    path.write_text(render_html(small_pack), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def static(small_pack: Pack, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser-static") / "scorecard.html"
    path.write_text(render_html(small_pack, interactive=False), encoding="utf-8")
    return path


def test_charts_become_interactive_without_errors(
    browser: Any, interactive: Path, small_pack: Pack
) -> None:
    visit = Visit(browser, interactive)
    try:
        page = visit.page
        figures = page.locator("figure.kp-chart").count()
        assert figures == 5
        page.wait_for_function(
            "n => document.querySelectorAll('figure.kp-chart--live .vega-embed svg').length === n",
            arg=figures,
            timeout=20_000,
        )
        assert page.locator(".kp-chart__static:visible").count() == 0
        assert page.locator(".kp-chart__live:visible").count() == figures
        live = page.locator("#summary-rag .kp-chart__live svg")
        assert live.get_attribute("role") == "img"
        assert live.get_attribute("aria-labelledby") == "summary-rag-title"
        assert f"{small_pack.summary.green} Green" in live.inner_html()
        assert visit.errors == []
        assert visit.outside == [], "the page must not request anything"
    finally:
        visit.close()


def test_print_shows_the_static_charts(browser: Any, interactive: Path) -> None:
    visit = Visit(browser, interactive)
    try:
        page = visit.page
        page.wait_for_selector("figure.kp-chart--live", timeout=20_000)
        page.emulate_media(media="print")
        assert page.locator(".kp-chart__live:visible").count() == 0
        assert page.locator(".kp-chart__static svg").first.is_visible()
    finally:
        visit.close()


def test_skip_link_is_the_first_tab_stop(browser: Any, interactive: Path) -> None:
    visit = Visit(browser, interactive)
    try:
        page = visit.page
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert "govuk-skip-link" in focused
        assert page.locator(".govuk-skip-link").is_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main-content"
    finally:
        visit.close()


@pytest.mark.parametrize("which", ["interactive", "static"])
def test_no_serious_accessibility_violations(
    browser: Any, interactive: Path, static: Path, which: str
) -> None:
    path = interactive if which == "interactive" else static
    visit = Visit(browser, path)
    try:
        if which == "interactive":
            visit.page.wait_for_function(
                "document.querySelectorAll('figure.kp-chart--live').length === 5",
                timeout=20_000,
            )
        violations = visit.axe()
        assert serious(violations) == []
        assert visit.errors == []
    finally:
        visit.close()
