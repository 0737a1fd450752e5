"""The README's picture of the browser version: `timeline serve` on the bundled events, in
headless Chromium, a few keys typed, a PNG taken (docs/serve.png).

    .venv/bin/python tools/web_screenshot.py [OUT.png]
"""

from __future__ import annotations

import asyncio
import base64
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chromium import Chromium  # noqa: E402 - the tests' DevTools client

KEYS = ["j", "j", "j", "j", "j"]  # to an event with a quote in the detail pane


async def shoot(url: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        async with Chromium(Path(folder), size=(1280, 760)) as chromium:
            page = chromium.page
            await page.send("Page.navigate", url=url + "/?fontsize=14")
            await page.until("document.body.classList.contains('-first-byte')")
            await asyncio.sleep(2)  # the first screen drawn
            for key in KEYS:
                await page.key(key)
            await asyncio.sleep(1.5)
            shot = await page.send("Page.captureScreenshot", format="png")
            out.write_bytes(base64.b64decode(shot["data"]))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "serve.png"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(Path(sys.executable).parent / "timeline"), "serve", str(ROOT / "events.yaml"),
                               "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL)
    try:
        time.sleep(2)
        asyncio.run(shoot(f"http://127.0.0.1:{port}", out))
    finally:
        server.terminate()
        server.wait(15)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
