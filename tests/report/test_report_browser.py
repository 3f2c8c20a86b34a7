"""index.html in headless Chromium (Debian's chromium, driven by Playwright):
the charts and flame graphs render, the page logs no error, and no request
leaves the machine. Screenshots land in the test's tmp folder."""

import pathlib
import re
import shutil
import subprocess
import sys
import types

import pytest
from report_helpers import FAKE_SWEEP, ROOT, copy_run

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # reported by the fixture, so the other report tests still run
    sync_playwright = None

CHROMIUM = pathlib.Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FLAME_FILES = 10  # 2 scenarios x 2 variants x 2 graphs, and one comparison per scenario
LEAK_RED = "rgb(214, 39, 24)"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if sync_playwright is None or not CHROMIUM.exists():
        pytest.fail("the browser test needs Debian's chromium and PyPI's playwright: run scripts/setup", pytrace=False)
    tmp = tmp_path_factory.mktemp("browser")
    run = copy_run(tmp)
    (run / "sweep").mkdir()
    shutil.copy(FAKE_SWEEP, run / "sweep" / "sweep.json")  # the report draws sweep.svg from it
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "report"), str(run)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    seen = types.SimpleNamespace(tmp=tmp, run=run, console=[], errors=[], requests=[], blocked=[])
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1300, "height": 900},
            offline=True,
        )
        context.route(re.compile(r"^(?!file:)"), lambda route: (seen.blocked.append(route.request.url), route.abort()))
        page = context.new_page()
        page.on("console", lambda m: seen.console.append(m) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.on("request", lambda r: seen.requests.append(r.url))
        page.goto((run / "index.html").as_uri(), wait_until="load", timeout=20000)
        seen.page = page
        take_screenshots(seen)
        yield seen
        context.close()


def take_screenshots(seen):
    """The top of the page, and the first variant's flame graphs scrolled into view
    (Chromium paints off-screen frames lazily, so a full-page shot leaves them blank)."""
    page = seen.page
    page.screenshot(path=str(seen.tmp / "index-top.png"))
    page.locator("iframe.flame").nth(1).scroll_into_view_if_needed()
    page.screenshot(path=str(seen.tmp / "index-flames.png"))
    page.evaluate("window.scrollTo(0, 0)")
    print(f"screenshots: {seen.tmp}/index-top.png {seen.tmp}/index-flames.png")


def flame_frame(seen, path):
    return next(f for f in seen.page.frames if f.url.endswith(path))


def test_screenshots_are_taken(browser):
    for name in ("index-top.png", "index-flames.png"):
        assert (browser.tmp / name).stat().st_size > 20_000, name


def test_goroutine_charts_render_with_their_phases(browser):
    charts = browser.page.locator("svg.chart")
    assert charts.count() == 4
    for i in range(4):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 300 and box["height"] > 100
        line = charts.nth(i).locator("polyline.series").bounding_box()
        assert line["width"] > 200
        assert charts.nth(i).locator("rect.band-load").bounding_box()["width"] > 20


def test_flame_graphs_render_inside_their_frames(browser):
    iframes = browser.page.locator("iframe.flame")
    assert iframes.count() == FLAME_FILES
    for i in range(FLAME_FILES):
        box = iframes.nth(i).bounding_box()
        assert box["width"] > 1000 and box["height"] > 60
    frames = [f for f in browser.page.frames if f.url.endswith(".svg")]
    assert len(frames) == FLAME_FILES
    for frame in frames:
        assert frame.locator("g.f").count() >= 3, frame.url
        root = frame.locator("g.root rect").bounding_box()
        assert root["width"] > 1000 and root["height"] > 10, frame.url


def test_leaking_stack_is_red_against_the_fixed_variant(browser):
    frame = flame_frame(browser, "unbuffered-send/flame-diff-fixed-leaky.svg")
    leak = frame.locator('g.f[data-n$="LeakyHandler.func1"] rect')
    assert leak.evaluate("r => getComputedStyle(r).fill") == LEAK_RED
    assert leak.bounding_box()["width"] > 1000


def test_clicking_a_frame_zooms_and_reset_returns(browser):
    frame = flame_frame(browser, "unbuffered-send/fixed/flame-final.svg")
    small = frame.locator('g.f[data-n="os/signal.loop"]')
    width = lambda: float(small.locator("rect").get_attribute("width"))  # noqa: E731
    before = width()
    small.dispatch_event("click")
    assert width() == pytest.approx(1180) and before < 300
    assert "hide" not in frame.locator("#unzoom").get_attribute("class")
    assert "hide" in frame.locator('g.f[data-n="main.main"]').get_attribute("class")
    frame.locator("#unzoom").dispatch_event("click")
    assert width() == pytest.approx(before)


def test_hovering_a_frame_shows_its_counts(browser):
    frame = flame_frame(browser, "unbuffered-send/leaky/flame-final.svg")
    frame.locator('g.f[data-n$="LeakyHandler.func1"]').dispatch_event("mouseover")
    assert "7412 goroutines (99.9%)" in frame.locator("#details").text_content()


def test_sweep_plot_is_shown(browser):
    plot = browser.page.locator("img.sweep")
    assert plot.evaluate("img => img.complete && img.naturalWidth") == 960
    assert plot.bounding_box()["width"] > 100


def test_page_logs_no_error(browser):
    assert browser.errors == []
    assert [f"{m.type}: {m.text}" for m in browser.console] == []


def test_no_request_leaves_the_page(browser):
    assert browser.blocked == []
    assert len(browser.requests) >= 1 + FLAME_FILES
    assert all(url.startswith("file://") for url in browser.requests), browser.requests
