"""`calendar-build serve`: pages with the reload script, change events, German messages while a rebuild fails."""

from __future__ import annotations

import html
import http.client
import json
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from calendar_build.site.serve import inject, serve
from tests.site.conftest import BuiltSite, serving_options


@pytest.mark.parametrize(("page", "expected"), [
    ("<html><body><p>x</p></body></html>", "<html><body>TOP<p>x</p>RELOAD</body></html>"),
    ("<html><h1>Vorschau</h1><p>x</p></html>", "<html>TOP<h1>Vorschau</h1><p>x</p>RELOAD</html>"),  # contact sheet
    ("<p>x</p>", "TOP<p>x</p>RELOAD"),
])
def test_inject_places_toolbar_and_script(page: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("calendar_build.site.serve.RELOAD", "RELOAD")
    assert inject(page, "TOP") == expected


class Served:
    """A running `serve` on a project copy: its port, its messages and a way to wait for events."""

    def __init__(self, port: int, said: list[str]) -> None:
        self.port, self.said = port, said
        self.events: queue.Queue[dict[str, int]] = queue.Queue()
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request("GET", "/__events")
        response = connection.getresponse()
        while line := response.readline():
            if line.startswith(b"data: "):
                self.events.put(json.loads(line[6:]))

    def get(self, path: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode()

    def next_site_version(self, after: int) -> int:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            event = self.events.get(timeout=60)
            if event["site"] > after:
                return event["site"]
        raise AssertionError("kein neues Ereignis")


@pytest.fixture
def served(built_site: BuiltSite, project: Path) -> Iterator[Served]:
    stop, ready, said = threading.Event(), queue.Queue[int](), []
    options = serving_options(built_site, project)
    thread = threading.Thread(target=serve, args=(options, None, 0, stop, said.append), daemon=True,
                              kwargs={"print_pages": False, "started": ready.put})
    thread.start()
    served = Served(ready.get(timeout=120), said)
    assert served.next_site_version(0) == 1  # the first build
    yield served
    stop.set()
    thread.join(10)


def test_serve_reloads_and_shows_errors_in_german(served: Served, project: Path) -> None:
    assert served.get("/")[0] == 302  # to the start page
    status, start = served.get("/site/index.html")
    assert status == 200 and "<h1>Interkultureller Kalender 2027</h1>" in start
    status, page = served.get("/site/fest-pesach.html")
    assert status == 200 and 'new EventSource("/__events")' in page and 'id="serve-fehler"' not in page
    assert served.get("/site/site.css")[0] == 200

    feast = project / "templates" / "site" / "feast.html.j2"
    good = feast.read_text(encoding="utf-8")
    lines = good.splitlines()
    lines.insert(5, "{{ f.no_such_field }}")
    feast.write_text("\n".join(lines) + "\n", encoding="utf-8")
    version = served.next_site_version(1)
    status, page = served.get("/site/fest-pesach.html")
    assert status == 200 and 'id="serve-fehler"' in page and 'role="alert"' in page
    message = "templates/site/feast.html.j2:6: Fehler: Unbekannter Name in der Vorlage: 'no_such_field' gibt es nicht"
    assert html.escape(message) in page  # the last good page stays, with the message on top
    assert any(line.startswith(message) for line in served.said)  # and in the terminal

    feast.write_text(good, encoding="utf-8")
    served.next_site_version(version)
    assert 'id="serve-fehler"' not in served.get("/site/fest-pesach.html")[1]


def test_serve_refuses_a_port_in_use(built_site: BuiltSite) -> None:
    from calendar_build.errors import UsageError

    with __import__("socket").socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(UsageError, match=r"Port \d+ kann nicht geöffnet werden .* bitte mit --port"):
            serve(built_site.options, None, taken.getsockname()[1], print_pages=False)


def test_rebuilds_run_the_print_pages_before_the_site_and_once_more_after_a_change_meanwhile(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from calendar_build.site.serve import Rebuilds

    monkeypatch.setattr("calendar_build.site.serve.BREATHER_S", 0.0)
    ran: list[str] = []
    first_preview = threading.Event()
    release = threading.Event()

    def preview() -> None:
        ran.append("preview")
        if not first_preview.is_set():
            first_preview.set()
            release.wait(10)  # a change arrives while this rebuild runs

    rebuilds = Rebuilds({"preview": preview, "site": lambda: ran.append("site")})
    rebuilds.request("site", "preview")  # asked for in either order: the print pages first
    assert first_preview.wait(10)
    rebuilds.request("site")
    release.set()
    deadline = time.monotonic() + 10
    while len(ran) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    rebuilds.close(wait=True)
    assert ran == ["preview", "site", "site"]  # the change meanwhile: one more round, of what it asked for


def test_a_versioned_print_page_image_may_be_cached_and_nothing_else(served: Served) -> None:
    def cache_control(path: str) -> str | None:
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.getheader("Cache-Control")

    assert cache_control("/preview/seite-02.png?v=18ed45") == "max-age=86400, immutable"
    assert cache_control("/preview/seite-02.png") == "no-store"
    assert cache_control("/site/index.html") == "no-store"


@pytest.mark.parametrize(("query", "sight"), [
    ("seiten=4,5,1", (4, 5, 1)),
    ("seiten=", ()),
    ("seiten=3,3,0,1000,7", (3, 7)),  # each page once; no page 0 or beyond any calendar
    ("seiten=1;rm -rf", ()),  # anything but numbers: nothing in sight
    ("anderes=1", ()),
    ("seiten=" + ",".join(str(n) for n in range(1, 40)), tuple(range(1, 25))),  # at most MAX_SIGHT
])
def test_a_browser_tells_which_print_pages_it_shows(query: str, sight: tuple[int, ...]) -> None:
    from calendar_build.site.serve import State

    state = State()
    state.sight = (9,)
    state.look(query)
    assert state.sight == sight


def test_the_pages_in_sight_are_told_to_the_server(served: Served) -> None:
    """The contact sheet's script reports the pages in sight (`/__sicht`); the server takes the report quietly."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    connection.request("GET", "/__sicht?seiten=4,5")
    response = connection.getresponse()
    assert response.status == 204 and response.read() == b""
    status, sheet = served.get("/preview/index.html")  # waiting for its first pages: the script is there all the same
    assert status == 200 and 'fetch("/__sicht?seiten="' in sheet and "IntersectionObserver" in sheet
