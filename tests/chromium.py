"""A small client of Chromium's DevTools protocol, over aiohttp's websocket (aiohttp comes
with textual-serve): enough to load a page in a real headless Chromium, type keys into it,
read what it holds and catch its downloads. Debian's `chromium` package; the tests that
need it skip, saying so, where it is missing (.ci/run installs it)."""

from __future__ import annotations

import asyncio
import itertools
import json
import shutil
import subprocess
import time
from pathlib import Path

import aiohttp
import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium here (Debian's package: "
                                    "apt-get install chromium; .ci/run installs it)")

# Virtual keys of the keys the tests type (what DevTools wants besides the text).
KEY_CODES = {"Enter": 13, "Escape": 27, "Tab": 9}


class Connection:
    """One DevTools websocket: commands answered by id, events kept in order."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse):
        self.websocket = websocket
        self.ids = itertools.count(1)
        self.waiting: dict[int, asyncio.Future] = {}
        self.events: list[dict] = []
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.websocket:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self.waiting:
                self.waiting.pop(data["id"]).set_result(data)
            else:
                self.events.append(data)

    async def send(self, method: str, **params) -> dict:
        number = next(self.ids)
        self.waiting[number] = asyncio.get_running_loop().create_future()
        await self.websocket.send_str(json.dumps({"id": number, "method": method, "params": params}))
        answer = await asyncio.wait_for(self.waiting[number], 15)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer["result"]

    async def evaluate(self, expression: str):
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def until(self, expression: str, seconds: float = 20.0) -> None:
        """Wait until a JavaScript expression is true in the page."""
        deadline = time.monotonic() + seconds
        while not await self.evaluate(expression):
            if time.monotonic() > deadline:
                raise TimeoutError(f"never true in the page: {expression}")
            await asyncio.sleep(0.1)

    async def key(self, key: str) -> None:
        """Type a key, as the keyboard does: to whatever element has the focus."""
        code = KEY_CODES.get(key, ord(key.upper()) if len(key) == 1 else 0)
        text = "\r" if key == "Enter" else key if len(key) == 1 else ""
        await self.send("Input.dispatchKeyEvent", type="keyDown", key=key, text=text, windowsVirtualKeyCode=code)
        await self.send("Input.dispatchKeyEvent", type="keyUp", key=key, windowsVirtualKeyCode=code)


class Chromium:
    """A headless Chromium, its browser connection (`browser`) and its page's (`page`);
    downloads go to `downloads`."""

    def __init__(self, folder: Path, size: tuple[int, int] = (1280, 800)):
        self.folder, self.size = folder, size
        self.downloads = folder / "downloads"
        self.delivered: list[Path] = []  # the downloads returned so far

    async def __aenter__(self) -> Chromium:
        profile = self.folder / "profile"
        self.downloads.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
             "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", f"--user-data-dir={profile}",
             f"--window-size={self.size[0]},{self.size[1]}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (active.exists() and len(active.read_text().split()) == 2):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.process.kill()
                raise RuntimeError("chromium did not start")
            await asyncio.sleep(0.1)
        port, browser_path = active.read_text().split()
        self.http = aiohttp.ClientSession()
        self.browser = Connection(await self.http.ws_connect(f"ws://127.0.0.1:{port}{browser_path}", max_msg_size=0))
        targets = await (await self.http.get(f"http://127.0.0.1:{port}/json/list")).json()
        page = next(t for t in targets if t["type"] == "page")
        self.page = Connection(await self.http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0))
        await self.browser.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(self.downloads),
                                eventsEnabled=True)
        return self

    async def __aexit__(self, *exc) -> None:
        for connection in (self.page, self.browser):
            connection.reader.cancel()
            await connection.websocket.close()
        await self.http.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    async def downloaded(self, seconds: float = 20.0) -> Path:
        """The next download, once it is complete."""
        deadline = time.monotonic() + seconds
        while True:
            done = [e for e in self.browser.events if e.get("method") == "Browser.downloadProgress"
                    and e["params"]["state"] == "completed"]
            files = [p for p in self.downloads.iterdir() if not p.name.endswith(".crdownload")]
            new = [p for p in files if p not in self.delivered]
            if len(done) > len(self.delivered) and new:
                self.delivered.append(new[0])
                return new[0]
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing downloaded; browser events: {self.browser.events[-5:]}")
            await asyncio.sleep(0.1)
