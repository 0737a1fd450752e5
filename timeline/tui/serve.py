"""`timeline serve`: the explorer in a web browser, by textual-serve. Each browser tab
that connects gets its own app process, run under Textual's web driver (there an export
or a copy is delivered to the browser as a download: see clipboard.py and the main
screen's export).

What this adds to textual-serve's server:
- its page's terminal takes the keyboard as soon as the page has loaded (textual-serve's
  page never focuses it, so keys did nothing until the page was clicked), and again when
  the tab is returned to; a key typed while the page is still connecting is kept for the
  app, not dropped;
- a download starts in the page, not in a new tab (which a popup blocker may stop, and
  which takes the keyboard away from the terminal);
- the font is the one textual-serve ships, not one fetched from a font service: the page
  works offline and tells no one what is being read;
- when the server stops (SIGTERM, SIGINT), every app process it started is stopped too
  (asked to quit, then killed if it has not within a few seconds), instead of being left
  running, or the server waiting a minute for the browsers' connections to close.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import sys

from aiohttp import web
from rich.console import Console
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("textual-serve")

STOP_SECONDS = 3.0  # what an app is given to quit when the server stops, before it is killed

PAGE_SCRIPT = """
<script>
(() => {
  // The terminal takes the keys as soon as the page has loaded, and when the tab is back.
  const focusTerminal = () => {
    const input = document.querySelector("#terminal textarea");
    if (input && document.activeElement !== input) input.focus({preventScroll: true});
  };
  // textual-serve opens a download in a new tab; a link clicked in the page needs no popup.
  const openWindow = window.open.bind(window);
  window.open = (url, target, features) => {
    const address = new URL(url, window.location.href);
    if (address.origin === window.location.origin && address.pathname.startsWith("/download/")) {
      const link = document.createElement("a");
      link.href = address.href;
      link.download = "";
      document.body.appendChild(link);
      link.click();
      link.remove();
      focusTerminal();
      return null;
    }
    return openWindow(url, target, features);
  };
  // A key typed while the connection to the app is still opening is sent once it is open
  // (textual-serve's page would drop it, with an error).
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (this.readyState === WebSocket.CONNECTING) {
      this.addEventListener("open", () => send.call(this, data), {once: true});
      return;
    }
    return send.call(this, data);
  };
  window.addEventListener("load", focusTerminal);
  window.addEventListener("focus", focusTerminal);
})();
</script>
"""

FONT_LINK = '<link\n      rel="stylesheet"\n      href="https://fonts.googleapis.com/css?family=Roboto%20Mono"\n    />'
LOCAL_FONT = """<style>
      @font-face { font-family: "Roboto Mono"; src: url("{static}fonts/RobotoMono-VariableFont_wght.ttf"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic;
                   src: url("{static}fonts/RobotoMono-Italic-VariableFont_wght.ttf"); }
    </style>"""


def app_command(path: str, corpus: str | None = None) -> str:
    """The shell command that runs the explorer on this file, for each browser tab. `exec`:
    the process the server starts is the app itself, not a shell around it, so stopping
    it stops the app."""
    words = [sys.executable, "-m", "timeline", path] + (["--corpus", corpus] if corpus else [])
    return "exec " + " ".join(shlex.quote(word) for word in words)


class TimelineServer(Server):
    def __init__(self, command: str, host: str, port: int, title: str):
        super().__init__(command, host=host, port=port, title=title)
        # Plain text: what the server logs passes through the command line's VisibleStream
        # (a request's path is anyone's text), which would show colour codes as ␛[34m.
        self.console = Console(color_system=None)
        self.services: set[AppService] = set()  # the apps running, one per browser tab

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(f"timeline: serving {self.title} on {self.public_url} (Ctrl+C stops it)", highlight=False)

    async def handle_index(self, request: web.Request) -> web.Response:
        response = await super().handle_index(request)
        static = request.app.router["static"].url_for(filename="/").path.rstrip("/") + "/"
        response.text = (response.text.replace(FONT_LINK, LOCAL_FONT.replace("{static}", static))
                         .replace("</body>", PAGE_SCRIPT + "</body>"))
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's own (1.1.3), but that each app is kept in `services` while it runs."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            service = AppService(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                 close=websocket.close, download_manager=self.download_manager, debug=self.debug)
            self.services.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's failure is logged; the server goes on
            log.exception(error)
        finally:
            if service is not None:
                await stop(service)
                self.services.discard(service)
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Stop every app before the server waits for the browsers' connections: each one
        ends when its app does."""
        await asyncio.gather(*(stop(service) for service in list(self.services)))


async def stop(service: AppService) -> None:
    """Ask the app to quit; kill it if it has not within STOP_SECONDS."""
    process = service._process  # textual-serve keeps no other handle on it
    try:
        await asyncio.wait_for(asyncio.shield(service.stop()), STOP_SECONDS)
    except (asyncio.TimeoutError, ConnectionError, RuntimeError):
        pass
    if process is not None and process.returncode is None:
        process.kill()
        await process.wait()


def serve(path: str, host: str, port: int, corpus: str | None = None, title: str = "timeline") -> None:
    """Serve the explorer on this events file until stopped. `title` heads the page."""
    TimelineServer(app_command(path, corpus), host=host, port=port, title=title).serve()
