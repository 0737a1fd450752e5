"""The HTML report in a real browser: headless Chromium (Debian's `chromium` package)
opens the page that `timeline export --format html` wrote, offline, and every event's
title and quote are in what it shows; it prints the page to PDF too. Skipped, saying
why, where there is no Chromium."""

import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from conftest import EVENTS, run

from timeline.loader import load

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (Debian: apt-get install chromium)")


def chromium(tmp_path, *arguments: str) -> subprocess.CompletedProcess:
    """Chromium headless, in a profile of its own, with no network to reach: a page that
    needed anything from outside would show without it."""
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           f"--user-data-dir={tmp_path / 'profile'}", "--proxy-server=127.0.0.1:9",
                           "--proxy-bypass-list=<-loopback>", *arguments],
                          capture_output=True, text=True, timeout=120, check=True)


class Shown(HTMLParser):
    """The DOM's texts by element: each title (class "title") and block quote."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = []
        self.titles, self.quotes = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "br", "link", "img"):
            self.open.append((tag, dict(attrs).get("class", "")))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if any(cls == "title" for _, cls in self.open):
            self.titles.append(data)
        if any(tag == "blockquote" for tag, _ in self.open):
            self.quotes.append(data)


@pytest.fixture
def report(tmp_path):
    page = tmp_path / "report.html"
    result = run("export", str(EVENTS), "--format", "html", "-o", str(page))
    assert result.returncode == 0, result.stderr
    return page


def test_chromium_shows_every_events_title_and_quote(tmp_path, report):
    dom = chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    shown = Shown()
    shown.feed(dom)
    timeline = load(EVENTS)
    assert shown.titles == [e.title for e in timeline.events]
    assert shown.quotes == [c.quote for e in timeline.events for c in e.sources if c.quote is not None]


def test_chromium_prints_it(tmp_path, report):
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.count(b"/Type /Page\n") + data.count(b"/Type/Page") > 3
