"""`calendar-build serve`: a live preview for designers and editors on 127.0.0.1.

    watchfiles (content/, portraits/, templates/)  ->  print pages rebuilt as PNG (preview.py)  ->  browsers told
                                                  ->  then the site rebuilt                     ->  browsers told
                                                      (both in one background thread; server-sent events)

The site and the PNG previews are written below the cache folder, never into output/. Every HTML
page the server sends gets a small script that reloads it when its part (site or previews) was
rebuilt, and, while the last rebuild failed, the German messages with file and line on top.
"""

from __future__ import annotations

import functools
import html
import json
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch as watch_changes

from calendar_build.errors import ContentError, UsageError
from calendar_build.products import PRODUCTS
from calendar_build.stages.options import BuildOptions
from calendar_build.preview import Memo
from calendar_build.watch import WATCHED, ignored, only_text

EVENTS = "/__events"
SIGHT = "/__sicht"  # a browser tells which print pages it shows (`?seiten=4,5`): they are drawn first
MAX_SIGHT = 24
KEEPALIVE_S = 10.0
BREATHER_S = 0.2  # between two rebuilds of one round (print pages, then site)
# The site's pages reload. The print pages' contact sheet swaps head and body for the new ones in place (no
# navigation): its images keep their addresses unless drawn anew, so only a changed page is fetched.
RELOAD = """<script>/* calendar-build serve: reload when this part was rebuilt */
(function () {
  var part = location.pathname.indexOf("/preview/") === 0 ? "preview" : "site", seen = null;
  function refresh() {
    if (part !== "preview") { location.reload(); return; }
    fetch(location.href, {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (text) {
      var fresh = new DOMParser().parseFromString(text, "text/html");
      document.head.replaceWith(fresh.head);  // the sheet's style (the first page may have been the waiting one)
      document.body.replaceWith(fresh.body);
      watchSight();
    }).catch(function () { location.reload(); });
  }
  // the print pages in sight, the most visible first: a change redraws them before the others
  var observer = null;
  function watchSight() {
    if (part !== "preview" || !("IntersectionObserver" in window)) return;
    if (observer) observer.disconnect();
    var shares = {}, timer = null;
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { shares[e.target.dataset.seite] = e.intersectionRatio; });
      clearTimeout(timer);
      timer = setTimeout(function () {
        var pages = Object.keys(shares).filter(function (n) { return shares[n] > 0; })
          .sort(function (a, b) { return shares[b] - shares[a] || a - b; });
        fetch("%s?seiten=" + pages.join(","), {cache: "no-store"}).catch(function () {});
      }, 150);
    }, {threshold: [0, 0.25, 0.5, 0.75, 1]});
    document.querySelectorAll("img[data-seite]").forEach(function (img) { observer.observe(img); });
  }
  watchSight();
  new EventSource("%s").onmessage = function (e) {
    var v = JSON.parse(e.data)[part];
    if (seen !== null && v !== seen) refresh();
    seen = v;
  };
})();
</script>""" % (SIGHT, EVENTS)
WAITING = ('<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Druckseiten</title></head><body>'
           "<p>Die Druckseiten werden gerendert – diese Seite lädt neu, sobald sie fertig sind.</p></body></html>")
TOOLBAR = ('<nav aria-label="Vorschau" style="font:14px sans-serif;background:#232323;color:#fff;padding:4px 8px">'
           'Vorschau: <a style="color:#fff" href="/site/index.html">Website</a> · '
           '<a style="color:#fff" href="/preview/index.html">Druckseiten</a></nav>')


@dataclass
class State:
    """What the browsers are told: a version per part, and the messages of the last failed rebuild."""

    versions: dict[str, int] = field(default_factory=lambda: {"site": 0, "preview": 0})
    problems: dict[str, list[str]] = field(default_factory=lambda: {"site": [], "preview": []})
    changed: threading.Condition = field(default_factory=threading.Condition)
    sight: tuple[int, ...] = ()  # the print pages a browser last said it shows, the most visible first

    def look(self, query: str) -> None:
        """Record the print pages in sight from a browser's `seiten=4,5,1` (numbers only, at most MAX_SIGHT)."""
        pages = re.fullmatch(r"seiten=([0-9,]{0,200})", query)
        numbers = [int(n) for n in pages.group(1).split(",") if n.isdigit() and 0 < int(n) <= 999] if pages else []
        self.sight = tuple(dict.fromkeys(numbers))[:MAX_SIGHT]

    def publish(self, part: str, problems: list[str]) -> None:
        """Record a rebuild of `part` (with its messages, empty when it worked) and wake the browsers."""
        with self.changed:
            self.versions[part] += 1
            self.problems[part] = problems
            self.changed.notify_all()

    def message(self) -> str:
        """Return the versions as the event's data."""
        with self.changed:
            return json.dumps(self.versions)


def banner(problems: list[str]) -> str:
    """Return the error box shown on every page while a rebuild fails."""
    items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
    return ('<div role="alert" id="serve-fehler" style="font:15px/1.4 sans-serif;background:#fff0f0;color:#8a0000;'
            'border:3px solid #c4262e;padding:8px 16px;margin:0">'
            f"<strong>Neu bauen fehlgeschlagen – es gilt noch der letzte gute Stand:</strong><ul>{items}</ul></div>")


def inject(page: str, top: str) -> str:
    """Return the page with `top` at the start of its body and the reload script at its end."""
    opening = re.search(r"<body[^>]*>|<h1", page)  # the preview's contact sheet leaves out <body>
    at = (opening.end() if opening.group().startswith("<body") else opening.start()) if opening else 0
    page = page[:at] + top + page[at:]
    closing = page.rfind("</body>") if "</body>" in page else page.rfind("</html>")
    return page[:closing] + RELOAD + page[closing:] if closing >= 0 else page + RELOAD


class Handler(SimpleHTTPRequestHandler):
    """Serve the preview folder; add the reload script (and messages) to HTML; stream change events."""

    state: State

    def __init__(self, *args: object, state: State, **kwargs: object) -> None:
        self.state = state
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def end_headers(self) -> None:
        """Send headers that keep browsers from caching any file of the preview, but a versioned page image.

        The contact sheet names each print page's PNG with its version (`seite-05.png?v=…`, preview.py):
        a reload fetches the pages drawn anew and takes the others from the browser's cache.
        """
        versioned = self.path.startswith("/preview") and "?v=" in self.path
        self.send_header("Cache-Control", "max-age=86400, immutable" if versioned else "no-store")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        """Answer a request: events, a redirect to the start page, HTML with the script, or a file."""
        route, _, query = self.path.partition("?")
        if route == EVENTS:
            self._events()
        elif route == SIGHT:
            self.state.look(query)
            self.send_response(204)
            self.end_headers()
        elif route in ("/", "/site", "/site/"):
            self.send_response(302)
            self.send_header("Location", "/site/index.html")
            self.end_headers()
        elif route.endswith((".html", "/")):
            self._page(route)
        else:
            super().do_GET()

    def _page(self, route: str) -> None:
        path = Path(self.translate_path(route))
        path = path / "index.html" if path.is_dir() else path
        if not path.is_file() and not route.startswith("/preview/"):
            self.send_error(404, "Seite nicht gefunden")
            return
        problems = [p for part in ("site", "preview") for p in self.state.problems[part]]
        text = path.read_text(encoding="utf-8") if path.is_file() else WAITING
        body = inject(text, TOOLBAR + (banner(problems) if problems else "")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        sent = ""
        try:
            while True:
                now = self.state.message()
                self.wfile.write(f"data: {now}\n\n".encode() if now != sent else b": wach\n\n")
                self.wfile.flush()
                sent = now
                with self.state.changed:
                    self.state.changed.wait_for(lambda: self.state.message() != sent, timeout=KEEPALIVE_S)
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the http.server signature
        """Keep the terminal for the build's messages."""


def rebuild_site(options: BuildOptions, folder: Path, state: State, say: Callable[[str], None]) -> None:
    """Rebuild the site into `folder`; publish the result or the German messages."""
    from calendar_build.site.build import compose_site, write_site  # noqa: PLC0415

    started = time.perf_counter()
    try:
        _site, files, warnings = compose_site(options)
        write_site(files, folder, durable=False)
    except (ContentError, UsageError) as exc:
        lines = [p.render() for p in exc.problems] if isinstance(exc, ContentError) else [str(exc)]
        for line in lines:
            say(line)
        say("Website: neu bauen fehlgeschlagen – bitte die Meldungen oben beheben; ich beobachte weiter.")
        state.publish("site", lines)
        return
    for warning in warnings:
        say(warning.render())
    state.publish("site", [])
    say(f"Website neu gebaut ({time.perf_counter() - started:.1f} s).")


def rebuild_preview(options: BuildOptions, pages: list[int] | None, state: State, say: Callable[[str], None],
                    memo: Memo | None = None) -> None:
    """Render the print pages as PNG (only changed ones, with a `memo`; those in the browsers' sight first, published
    at once); publish the result or the German messages."""
    from calendar_build.watch import rebuild  # noqa: PLC0415

    lines: list[str] = []

    def tell(text: str) -> None:
        lines.append(text)
        say(text)

    report = rebuild(options, pages, tell, memo, state.sight, lambda: state.publish("preview", []))
    state.publish("preview", [] if report is not None else lines[:-1])  # the last line says it failed


def only_site(root: Path, paths: set[Path]) -> bool:
    """Return whether every changed file is one of the site's templates (the print pages stay as they are)."""
    site = (root / "templates" / "site").resolve()
    return all(path.resolve().is_relative_to(site) for path in paths)


class Rebuilds:
    """The rebuilds, one at a time in a background thread, in the order given; a change meanwhile asks for one more.

    The print pages come before the site: their refresh (compose, lay out, draw a PNG) is the longer
    one, and a designer looking at a print page should not wait for the site as well.
    """

    def __init__(self, jobs: dict[str, Callable[[], None]]) -> None:
        self.jobs, self.pending, self.lock = jobs, set[str](), threading.Lock()
        self.thread: threading.Thread | None = None

    def request(self, *names: str) -> None:
        """Run the named rebuilds now, or once more after the round running."""
        with self.lock:
            self.pending.update(names)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._loop, daemon=True)
                self.thread.start()

    def close(self, wait: bool) -> None:
        """Drop the rebuilds asked for; with `wait`, let the running one finish first (its files stay whole)."""
        with self.lock:
            self.pending.clear()
            thread = self.thread
        if wait and thread is not None:
            thread.join()

    def _loop(self) -> None:
        while True:
            with self.lock:
                if not self.pending:
                    return
                wanted, self.pending = self.pending, set()
            for done, name in enumerate(name for name in self.jobs if name in wanted):
                if done:  # the browsers fetch what the last one published without this one competing for the interpreter
                    time.sleep(BREATHER_S)
                self.jobs[name]()


def serve(options: BuildOptions, pages: list[int] | None, port: int, stop: threading.Event | None = None,
          say: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True),
          print_pages: bool = True, started: Callable[[int], None] = lambda _port: None) -> int:
    """Serve the live preview on 127.0.0.1:`port` (0: any free port) until Ctrl-C (or `stop`).

    `print_pages`: also render the print pages as PNG; `started` is told the port once the server listens.
    """
    root = options.cache / "serve"
    state = State()
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port),
                                     functools.partial(Handler, state=state, directory=str(root)))
    except OSError as exc:
        raise UsageError(f"Port {port} kann nicht geöffnet werden ({exc.strerror}) – bitte mit --port einen "
                         f"anderen wählen.") from None
    server.daemon_threads = True
    root.mkdir(parents=True, exist_ok=True)
    print_options = replace(options, product=PRODUCTS["print-a3"], out=root)
    memo: Memo = {}  # the print pages drawn: only changed ones are laid out again
    forget = threading.Event()  # a photo, logo or font changed: every page is drawn again

    def redraw() -> None:
        if forget.is_set():
            forget.clear()
            memo.clear()
        rebuild_preview(print_options, pages, state, say, memo)

    rebuilds = Rebuilds({"preview": redraw, "site": lambda: rebuild_site(options, root / "site", state, say)})
    rebuild_site(options, root / "site", state, say)  # the site first: it is ready long before every print page
    if print_pages:
        rebuilds.request("preview")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    started(server.server_address[1])
    folders = [options.root / name for name in WATCHED if (options.root / name).is_dir()]
    print(f"Vorschau läuft: http://127.0.0.1:{server.server_address[1]}/ – beobachte "
          f"{', '.join(f.name + '/' for f in folders)}; beenden mit Strg+C.", flush=True)
    try:
        for changes in watch_changes(*folders, watch_filter=lambda c, p: not ignored(c, p), stop_event=stop,
                                     debounce=50, step=20, rust_timeout=500, yield_on_timeout=False):
            if print_pages and not only_site(options.root, {Path(path) for _change, path in changes}):
                if not only_text({path for _change, path in changes}):
                    forget.set()
                rebuilds.request("preview", "site")
            else:
                rebuilds.request("site")
    except KeyboardInterrupt:
        say("Beendet.")
    finally:
        rebuilds.close(wait=stop is not None and stop.is_set())  # Ctrl-C ends at once
        server.shutdown()
    return 0
