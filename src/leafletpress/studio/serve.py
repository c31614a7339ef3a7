"""`leafletpress serve`: the watch loop, and a local web server whose pages follow it live.

The server (Starlette on uvicorn, in a thread of its own) serves the build folder and nothing
else: Starlette's StaticFiles resolves every path and refuses one that leads outside the folder,
by `..` or by a symbolic link. /events streams the studio's state as server-sent events: the
build's progress, the errors that stop an edition, and which contact sheet is current; the
contact sheet's own script turns them into a progress bar, an error banner and a page that
swaps in the new sheet (look/templates/index.html.j2). The watch loop runs in the main thread,
as in `leafletpress watch`, so Ctrl-C stops a build at once.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import json
import os
import socket
import threading
import time
import webbrowser
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..look.contact_sheet import render_index
from ..options import BuildOptions
from ..outputs import INDEX
from ..problems import UsageError
from .watch import Batch, Listener, Watcher

KEEPALIVE_S = 15  # a comment line this often keeps proxies and browsers from closing a quiet stream
BANNER_LINES = 10  # errors shown on the page; the terminal has them all
START_TIMEOUT_S = 10
NO_CACHE = {"Cache-Control": "no-cache"}  # a browser asks again (and gets a 304) instead of showing a stale PDF


@dataclass
class State:
    """What a served page knows about the studio; sent whole on every change."""

    phase: str = "starting"  # starting, building, idle
    done: int = 0
    total: int = 0
    current: str = ""  # the edition done last
    changed: list[str] = field(default_factory=list)  # the files whose save started this build
    problems: list[dict] = field(default_factory=list)  # errors: where (file:line), field, message, hint
    more: int = 0  # errors beyond those listed
    crash: str = ""  # a bug in leafletpress, in one line
    sheet: str = ""  # a digest of build/index.html: a page whose sheet differs fetches the new one
    batches: int = 0  # builds finished
    rebuilt: int = 0  # editions the last build rebuilt
    seconds: float = 0.0
    finished: str = ""  # when the last build finished, as a clock time


class Live(Listener):
    """The studio's state, kept by the watch loop's thread and streamed to every open page."""

    def __init__(self, out: Path):
        self.out = out
        self.state = State(sheet=sheet_digest(out))
        self._lock = threading.Lock()
        self._streams: dict[asyncio.Queue, asyncio.AbstractEventLoop] = {}

    # --- the watch loop's side (its thread) -----------------------------------------------------

    def starting(self, changed: list[str]) -> None:
        self._update(phase="building", done=0, total=0, current="", changed=list(changed))

    def progress(self, result, done: int, total: int) -> None:
        self._update(done=done, total=total, current=result.slug)

    def finished(self, batch: Batch) -> None:
        errors = batch.report.errors if batch.report else []
        self._update(
            phase="idle",
            problems=[_problem(p) for p in errors[:BANNER_LINES]],
            more=max(0, len(errors) - BANNER_LINES),
            crash=_crash_line(batch.crash),
            sheet=sheet_digest(self.out),
            batches=self.state.batches + 1,
            rebuilt=len(batch.rebuilt),
            seconds=round(batch.seconds, 2),
            finished=time.strftime("%H:%M:%S"),
        )

    def close(self) -> None:
        """End every stream, so that the server can stop at once."""
        self._send(None)

    # --- the server's side (its event loop) ------------------------------------------------------

    def subscribe(self, loop: asyncio.AbstractEventLoop) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        with self._lock:
            self._streams[queue] = loop
        return queue

    def unsubscribe(self, queue: asyncio.Queue) -> None:
        with self._lock:
            self._streams.pop(queue, None)

    def message(self) -> str:
        """The state as one server-sent event."""
        with self._lock:
            data = json.dumps(asdict(self.state), ensure_ascii=False)
        return f"event: state\ndata: {data}\n\n"

    def _update(self, **changes) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(self.state, name, value)
        self._send(self.message())

    def _send(self, message: str | None) -> None:
        with self._lock:
            streams = list(self._streams.items())
        for queue, loop in streams:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, message)
            except RuntimeError:  # the server stopped, its loop closed: that page has gone
                self.unsubscribe(queue)


def sheet_digest(out: Path) -> str:
    """Which contact sheet is on disk ('' for none yet)."""
    try:
        return hashlib.sha256((out / INDEX).read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def _problem(problem) -> dict:
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    return {"where": where, "field": problem.field, "message": problem.message, "hint": problem.hint}


def _crash_line(crash: str) -> str:
    if not crash:
        return ""
    return f"leafletpress failed ({crash.strip().splitlines()[-1]}); the terminal shows the details, and it keeps watching"


class BuildFiles(StaticFiles):
    """The build folder's files, each revalidated on every request (a rebuilt PDF keeps its name)."""

    def file_response(self, *args, **kwargs):
        response = super().file_response(*args, **kwargs)
        response.headers.update(NO_CACHE)
        return response


def make_app(out: Path, live: Live) -> Starlette:
    """The web app: the contact sheet, its event stream, the state as JSON, and the build folder's files."""

    async def index(request):
        if (out / INDEX).is_file():
            return FileResponse(out / INDEX, headers=NO_CACHE)
        return HTMLResponse(render_index(out), headers=NO_CACHE)  # before the first build: an empty sheet with its progress

    async def events(request):
        queue = live.subscribe(asyncio.get_running_loop())

        async def stream():
            try:
                yield live.message()
                while True:
                    try:
                        message = await asyncio.wait_for(queue.get(), KEEPALIVE_S)
                    except TimeoutError:
                        yield ": waiting for a save\n\n"
                        continue
                    if message is None:
                        return
                    yield message
            finally:
                live.unsubscribe(queue)

        return StreamingResponse(stream(), media_type="text/event-stream", headers=NO_CACHE)

    async def state(request):
        return JSONResponse(asdict(live.state), headers=NO_CACHE)

    routes = [
        Route("/", index),
        Route(f"/{INDEX}", index),
        Route("/events", events),
        Route("/state", state),
        Mount("/", app=BuildFiles(directory=out, check_dir=False)),
    ]
    return Starlette(routes=routes)


class Server:
    """uvicorn serving the app in a thread, on a socket bound before it starts (so a taken port is a clear error)."""

    def __init__(self, app: Starlette, host: str, port: int):
        import uvicorn

        self.host = host
        self.socket = bind(host, port)
        config = uvicorn.Config(app, log_config=None, log_level="warning", access_log=False, lifespan="off")
        self.uvicorn = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.uvicorn.run, kwargs={"sockets": [self.socket]}, daemon=True)

    @property
    def url(self) -> str:
        port = self.socket.getsockname()[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{port}/"

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self.uvicorn.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise UsageError(f"the web server did not start on {self.url}")
            time.sleep(0.01)

    def stop(self) -> None:
        self.uvicorn.should_exit = True
        self.thread.join(5)
        self.socket.close()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (0: any free port), or a usage error that says what to do."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        # create_server's own message repeats the address; a name that does not resolve has a negative errno.
        reason = os.strerror(exc.errno) if isinstance(exc.errno, int) and exc.errno > 0 else exc.strerror or str(exc)
        raise UsageError(f"cannot listen on {host}:{port}: {reason} (choose another --port, or --port 0)") from None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    root: Path,
    options: BuildOptions,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve the build folder and rebuild on every save until Ctrl-C; the pages follow each build."""
    root = Path(root).resolve()
    out = Path(options.out) if Path(options.out).is_absolute() else root / options.out
    live = Live(out)
    server = Server(make_app(out, live), host, port)
    server.start()
    if not is_loopback(host):
        echo(f"warning: serving on {host}, not only on this computer: anyone on the network can open the leaflets")
    echo(f"serving {out} at {server.url} (Ctrl-C stops)")
    if open_browser:
        webbrowser.open(server.url)
    try:
        Watcher(root, options, echo, listener=live).run()
    finally:
        live.close()
        server.stop()
