"""workers.run_each / run_all: one pool helper for check and build, with its fallback and PDEATHSIG setup."""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from calendar_build import workers


def _pid_and_parent(item: int) -> tuple[int, int, int]:
    return item, os.getpid(), os.getppid()


def test_a_single_item_runs_here() -> None:
    assert workers.run_each(_pid_and_parent, [7], 4) == [(7, os.getpid(), os.getppid())]


def test_several_items_run_in_workers_of_this_process_in_order() -> None:
    results = workers.run_each(_pid_and_parent, [1, 2, 3], 2, preload="json")
    assert [r[0] for r in results] == [1, 2, 3]
    assert all(pid != os.getpid() and parent == os.getpid() for _, pid, parent in results)
    assert "json" in sys.modules


def test_without_a_process_pool_the_work_runs_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(38, "Function not implemented")  # e.g. no /dev/shm semaphores

    monkeypatch.setattr(workers, "ProcessPoolExecutor", refuse)
    assert workers.run_each(_pid_and_parent, [1, 2], 2) == [(1, os.getpid(), os.getppid()), (2, os.getpid(), os.getppid())]


def _fail(item: int) -> int:
    raise ValueError(item)


def _children() -> set[int]:
    """Return the live (not zombie) child processes of this process, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def test_an_error_in_the_work_is_raised_as_it_is_and_no_worker_is_left() -> None:
    before = _children()
    with pytest.raises(ValueError, match="^1$"):  # the first failure, as the work raised it
        workers.run_each(_fail, [1, 2], 2)
    assert _children() <= before


@pytest.mark.xdist_group("group-check")
def test_an_xdist_group_is_kept_together_under_loadgroup(request: pytest.FixtureRequest) -> None:
    """`make test` runs `--dist loadgroup`: xdist keeps a group on one worker only if its ids end in '@group'.

    pytest 9.2 stopped reading the id xdist 3.8 wrote the suffix into (tests/conftest.py `in_group`); this
    fails when the suffix is lost again and every group would be spread over the workers.
    """
    if getattr(request.config.option, "loadgroup", False):
        assert request.node.nodeid.endswith("@group-check"), request.node.nodeid
    else:  # a run without xdist or another distribution: the id stays as written
        assert "@" not in request.node.nodeid.rsplit("::", 1)[-1]


_READY: list[int] = []  # the pid of a worker made ready (set in the worker, by `early`)


def _make_ready() -> None:
    _READY.append(os.getpid())


def _was_made_ready(item: int) -> tuple[int, bool]:
    return item, _READY == [os.getpid()]


def test_an_early_pool_makes_each_worker_ready_before_its_work() -> None:
    with workers.early(2, _make_ready) as pool:
        assert pool.forked
        results, meanwhile = pool.run_all(_was_made_ready, [1, 2, 3], meanwhile=lambda: os.getpid())
    assert results == [(1, True), (2, True), (3, True)]
    assert meanwhile == os.getpid() and _READY == []  # ready ran in the workers only


def test_an_early_pool_that_cannot_fork_runs_its_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(workers, "ProcessPoolExecutor", refuse)
    with workers.early(2, _make_ready) as pool:
        assert not pool.forked
        assert pool.run_all(_pid_and_parent, [1, 2])[0] == [(1, os.getpid(), os.getppid()), (2, os.getpid(), os.getppid())]


def _broken_ready() -> None:
    raise RuntimeError("not ready")


def test_a_worker_that_could_not_be_made_ready_still_works() -> None:
    """Not being ready costs time only: the work meets the problem itself and tells it."""
    with workers.early(1, _broken_ready) as pool:
        assert pool.run_all(_pid_and_parent, [5])[0][0][0] == 5


def test_an_error_in_an_early_pool_ends_its_workers() -> None:
    before = _children()
    with pytest.raises(ValueError, match="^1$"), workers.early(2) as pool:
        pool.run_all(_fail, [1, 2])
    assert _children() <= before



class _Unpicklable(Exception):
    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("not to be pickled")


def _raise_unpicklable() -> None:
    raise _Unpicklable("a lock in it")


def _kill_myself() -> None:
    os.kill(os.getpid(), 9)


def test_a_background_task_runs_in_a_process_of_its_own_and_gives_its_result() -> None:
    """`Background` (the ink of a print PDF measured beside the join): a process, hence a GIL, of its own."""
    before = _children()
    task = workers.Background(_pid_and_parent, 4)
    item, pid, parent = task.result()
    assert item == 4 and pid != os.getpid() and parent == os.getpid()
    assert _children() <= before  # waited for


@pytest.mark.parametrize(("function", "raised", "text"), [
    (_fail, ValueError, "^3$"),  # as the task raised it
    (_raise_unpicklable, RuntimeError, "a lock in it"),  # what cannot be sent back: its text
])
def test_a_background_task_s_error_is_raised_where_its_result_is_asked_for(
        function: Any, raised: type[Exception], text: str) -> None:
    task = workers.Background(function, *([3] if function is _fail else []))
    with pytest.raises(raised, match=text):
        task.result()


def test_a_killed_background_process_is_a_broken_worker_not_a_hang() -> None:
    """The command line reports BrokenProcessPool as "Ein Arbeitsprozess wurde beendet (zu wenig Arbeitsspeicher?)"."""
    task = workers.Background(_kill_myself)
    with pytest.raises(BrokenProcessPool):
        task.result()


def test_a_background_task_can_be_stopped() -> None:
    before = _children()
    task = workers.Background(time.sleep, 30)
    started = time.monotonic()
    task.stop()
    assert _children() <= before and time.monotonic() - started < 10


def test_where_no_process_can_be_forked_a_background_task_runs_in_a_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")  # fork refused

    monkeypatch.setattr(workers.FORK, "Process", refuse)
    assert workers.Background(_pid_and_parent, 5).result() == (5, os.getpid(), os.getppid())
    with pytest.raises(ValueError, match="^6$"):
        workers.Background(_fail, 6).result()



def test_an_ended_pool_has_closed_its_wake_up_pipe_before_the_command_returns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python's exit handler writes into each pool's wake-up pipe while the pool's thread may be closing it
    (CPython 3.11, no lock): an interrupted build printed "OSError: [Errno 9] Bad file descriptor" after
    "Abgebrochen.". Once `terminate` returns, the pool's thread has ended and the pipe is closed – here even
    when the thread notices its killed workers only a second later."""
    import time  # noqa: PLC0415
    from concurrent.futures import process  # noqa: PLC0415

    notice = process._ExecutorManagerThread.terminate_broken

    def late(thread: process._ExecutorManagerThread, cause: object) -> None:
        time.sleep(1.0)
        notice(thread, cause)

    monkeypatch.setattr(process._ExecutorManagerThread, "terminate_broken", late)
    with workers.early(2) as pool:
        executor = pool.executor
        assert executor is not None
        manager = executor._executor_manager_thread  # type: ignore[attr-defined]
        wakeup = executor._executor_manager_thread_wakeup  # type: ignore[attr-defined]
        workers.terminate(executor)
        assert manager is not None and not manager.is_alive()
        assert wakeup._closed
        pool.executor = None


FORK_ORDER = """
import sys
from calendar_build import cli, workers
seen = []
real = workers.early
def early(size, ready=None):
    seen.append((size, "calendar_build.content.schema" in sys.modules, "weasyprint" in sys.modules))
    return real(size, ready)
cli.early = early
code = cli.main(sys.argv[1:])
print(seen, code, "weasyprint" in sys.modules)
"""


def test_build_forks_its_setter_before_it_loads_the_content_or_weasyprint(project: Path) -> None:
    """The worker that sets the pages loads WeasyPrint while this process loads and checks the content: it is
    forked before either is loaded, and this process never loads WeasyPrint (here the content has a slip)."""
    import subprocess  # noqa: PLC0415

    (project / "content" / "edition.yaml").write_text("title: [\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", FORK_ORDER, "build", "--root", str(project), "--year", "2027",
                           "--out", str(project / "out")], capture_output=True, text=True, check=False, timeout=120)
    assert done.stdout.strip() == "[(1, False, False)] 1 False", done.stdout + done.stderr
    assert done.stderr.startswith("content/edition.yaml:2: Fehler:") and "Traceback" not in done.stderr


@pytest.mark.usefixtures("warm_project")  # the run's prepared photos
def test_preview_forks_its_setter_before_it_loads_the_content_or_weasyprint(project: Path) -> None:
    """The `preview` command as `build`: the worker that sets and draws the page loads WeasyPrint while this process
    loads the content and composes (a page 0.4 s sooner, 1.12 instead of 1.56 s); this process never loads it."""
    import subprocess  # noqa: PLC0415

    done = subprocess.run([sys.executable, "-c", FORK_ORDER, "preview", "--root", str(project), "--year", "2027",
                           "--pages", "5", "--quiet"], capture_output=True, text=True, check=False, timeout=120)
    assert done.stdout.strip() == "[(1, False, False)] 0 False", done.stdout + done.stderr
    with Image.open(project / "output" / "2027" / "preview" / "seite-05.png") as page:
        assert page.width > 1000


def test_getting_ready_to_set_pages_loads_no_content_module() -> None:
    """The setter gets ready beside the main process, which loads the content's modules itself: the setter loads
    WeasyPrint and warms its dictionaries, but neither the content's schema nor the photo preparation (a
    quarter of a second through `calendar_build.photos`, whose colour module render/pdf.py uses)."""
    import subprocess  # noqa: PLC0415

    code = ("import sys; from calendar_build.render.ready import setter; setter('de')(); "
            "print(sorted(m for m in sys.modules if m.startswith(('calendar_build.content', "
            "'calendar_build.photos.prepare', 'calendar_build.portraits'))), 'weasyprint' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert done.stdout.strip() == "[] True", done.stdout + done.stderr


def test_getting_ready_sets_a_first_page_and_leaves_nothing_behind(tmp_path: Path) -> None:
    """What WeasyPrint does only for a process's first page (C types declared, Pango's font map, the user-agent
    stylesheet narrowed: render/pdf.py `warm_up`) is done while the setter waits for its parts, so that its first
    part and those of the processes it forks start as any later one (a warm build 0.15 s shorter, 10 pairs).
    Nothing is written or said."""
    import subprocess  # noqa: PLC0415

    code = ("from calendar_build.render.ready import setter; from calendar_build.render import user_agent; "
            "setter('de')(); print(user_agent._stylesheet.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120,
                          env={**os.environ, "TMPDIR": str(tmp_path)})
    assert (done.stdout.strip(), done.stderr) == ("1", "")  # the user-agent stylesheet was parsed for the page
    assert list(tmp_path.iterdir()) == []
