"""`timeline serve`: the explorer in a web browser (textual-serve). The keys work as soon
as the page has loaded, with no click; an export and a copy arrive as downloads; and the
server, stopped, leaves none of its app processes behind."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import aiohttp
import pytest
from chromium import Chromium, needs_chromium
from conftest import COMMAND, EVENTS, run

from timeline.loader import load

# Put before textual-serve's page script: what the page's websocket receives from the
# app, as text, so that the test can wait for the screen to show something (the page
# draws on a canvas, which holds no text to read).
RECORD_SCREEN = """
window.__received = "";
const NativeWebSocket = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const socket = new NativeWebSocket(url, protocols);
  const decoder = new TextDecoder();
  socket.addEventListener("message", (event) => {
    if (typeof event.data !== "string") window.__received += decoder.decode(event.data, {stream: true});
  });
  return socket;
};
window.WebSocket.prototype = NativeWebSocket.prototype;
// The links the page opens, kept instead of opened: a test sends nothing off this machine.
window.__opened = [];
window.open = (url) => { window.__opened.push(url); return null; };
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """`timeline serve` on the bundled events, on a free port: (process, its address)."""
    port = free_port()
    process = subprocess.Popen([str(COMMAND), "serve", str(EVENTS), "--host", "127.0.0.1", "--port", str(port)],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"timeline serve did not start: {process.communicate()[0]}")
            time.sleep(0.1)
    apps: list[int] = []  # the app processes the test saw: none is left running, whatever the test found
    yield process, f"http://127.0.0.1:{port}", apps
    apps += children(process.pid)
    if process.poll() is None:
        process.kill()
        process.wait()
    for pid in apps:
        if running(pid):
            os.kill(pid, signal.SIGKILL)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has stopped: only its exit status is left


async def open_app(url: str) -> tuple[aiohttp.ClientSession, aiohttp.ClientWebSocketResponse]:
    """A browser tab's connection, without a browser: the server starts an app for it."""
    http = aiohttp.ClientSession()
    websocket = await http.ws_connect(url.replace("http", "ws") + "/ws?width=100&height=30")
    received = b""
    while b"events" not in received:  # the header: the app is up
        message = await asyncio.wait_for(websocket.receive(), 30)
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data
    return http, websocket


def test_a_bad_file_is_said_once_before_anything_is_served(write):
    bad = write("bad.yaml", "events:\n  - id: x\n    date: someday\n")
    result = run("serve", str(bad), "--port", str(free_port()), timeout=60)
    assert result.returncode == 2
    assert "bad.yaml:3" in result.stderr and "Serving" not in result.stdout + result.stderr


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
async def test_stopping_the_server_stops_every_app_it_started(server, stop):
    process, url, apps = server
    connections = [await open_app(url), await open_app(url)]  # two tabs, two apps
    apps += children(process.pid)
    assert len(apps) == 2 and all(running(pid) for pid in apps)
    started = time.monotonic()
    process.send_signal(stop)
    await asyncio.get_running_loop().run_in_executor(None, process.wait, 20)
    assert time.monotonic() - started < 10  # not the minute aiohttp waits for open connections
    assert not [pid for pid in apps if running(pid)]
    for http, websocket in connections:
        await websocket.close()
        await http.close()


async def test_the_page_is_the_apps_and_takes_nothing_from_elsewhere(server):
    _, url, _ = server
    async with aiohttp.ClientSession() as http:
        page = await (await http.get(url + "/")).text()
    assert "Kadyrov, Chechnya and the war on Islamic State" in page  # the file's title heads it
    assert "fonts.googleapis.com" not in page  # the font is served from here: offline, and private
    assert 'document.querySelector("#terminal textarea")' in page


@needs_chromium
async def test_in_a_browser_keys_work_at_once_and_an_export_downloads(server, tmp_path):
    _, url, _ = server
    async with Chromium(tmp_path) as chromium:
        page = chromium.page
        await page.send("Page.enable")
        await page.send("Page.addScriptToEvaluateOnNewDocument", source=RECORD_SCREEN)
        await page.send("Page.navigate", url=url + "/")
        await page.until("window.__received.includes('of 51 events')")
        # No click: the terminal has the keyboard, and the app takes its keys.
        assert await page.evaluate("document.activeElement.classList.contains('xterm-helper-textarea')")
        await page.key("e")
        await page.until("window.__received.includes('Export the 51 events shown')")
        assert "enter downloads" in await page.evaluate("window.__received")
        await page.key("Enter")
        download = await chromium.downloaded()
        assert download.name == "events-export.md"
        assert download.read_text(encoding="utf-8").startswith("# Kadyrov, Chechnya and the war on Islamic State")
        assert not list(tmp_path.glob("events-export*"))  # nothing written on the server's side
        download.unlink()
        await page.key("Y")  # a copy arrives as a download too
        citation = await chromium.downloaded()
        first = load(EVENTS).events[0]
        assert citation.name == f"{first.id}-citation.md"
        assert citation.read_text(encoding="utf-8").startswith(f"**{first.date.display()}**")
        await page.key("O")  # the article's link: opened by the page
        await page.until("window.__opened.length > 0")
        assert await page.evaluate("window.__opened") == [load(EVENTS).sources[first.sources[0].source].url]
