"""Shared fixtures: the repository root, a copy of the sample project to break, work shared by the whole run."""

from __future__ import annotations

import fcntl
import os
import pickle
import resource
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests import ink_memo, layout_memo

REPO = Path(__file__).resolve().parents[1]
T = TypeVar("T")

# The two tiers (README, Tests): `make test` runs the quick one, every test not marked `full`: the reference
# editions built once and asserted on from many sides, every message about bad input, each product and writing
# direction at least once, and the middle stages; `make test-full` (and CI, after make test) runs the tests marked
# `full`: every product in every language and year, the examples of other regions, every renderer on every page,
# faults and interruptions in real processes, fuzzing, the browser.
FULL = pytest.mark.full


def beyond(values: Sequence[Any], quick: Sequence[Any]) -> list[Any]:
    """Return parameter values with every one not in `quick` marked `full` (a tuple stands for several arguments)."""
    return [value if value in quick else pytest.param(*(value if isinstance(value, tuple) else (value,)), marks=FULL)
            for value in values]


@pytest.fixture(scope="session")
def repo() -> Path:
    """Return the repository root (the sample calendar project)."""
    return REPO


SAMPLE_FOLDERS = ("content", "portraits", "templates")
_read: dict[tuple[str, int, int], bytes] = {}  # the sample's files by path, size and change time, read once


def sample_files() -> Iterator[tuple[str, bytes | None]]:
    """Yield the sample project's folders (None) and files (their bytes), each before what it holds.

    A file is read again only when it changed (the tests copy the sample some 300 times a run).
    """
    folders = [name for name in SAMPLE_FOLDERS if (REPO / name).is_dir()]
    while folders:
        folder = folders.pop(0)
        yield folder, None
        for entry in sorted(os.scandir(REPO / folder), key=lambda e: e.name):
            relative = f"{folder}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                folders.append(relative)
            else:
                state = entry.stat()
                key = (relative, state.st_size, state.st_mtime_ns)
                if key not in _read:
                    _read[key] = Path(entry.path).read_bytes()
                yield relative, _read[key]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a fresh copy of the sample project's content, portraits and templates to modify (files of its own)."""
    for relative, data in sample_files():
        if data is None:
            (tmp_path / relative).mkdir()
        else:
            (tmp_path / relative).write_bytes(data)
    return tmp_path


# --- work done once per run, also when the tests run in several processes (pytest -n 2) -------------------------

def run_folder(factory: pytest.TempPathFactory) -> Path:
    """Return the temporary folder of the whole run: with pytest-xdist the one its workers' folders are in."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]) -> T:
    """Return make(folder) for a folder of the run, made by the first process that asks; the others wait for it.

    The result is pickled beside the folder, so every worker of a run shares one build of each reference edition.
    """
    folder = run_folder(factory) / f"once-{name}"
    folder.mkdir(exist_ok=True)
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / ".result"
        if done.is_file():
            loaded: T = pickle.loads(done.read_bytes())
            return loaded
        result = make(folder)
        done.write_bytes(pickle.dumps(result))
        return result


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a cache folder shared by the run: prepared photos are keyed by their bytes and target, safe to share."""
    folder = run_folder(tmp_path_factory) / "shared-cache"
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def photo_store(shared_cache: Path) -> Path:
    """Return the prepared photos shared by the run."""
    return shared_cache / "photos"


@pytest.fixture(scope="session")
def warm_cache(shared_cache: Path) -> Callable[[Path], Path]:
    """Return a function making `folder` a cache holding the run's prepared photos: a link to the shared cache.

    (A link to the whole folder: the builder reads nothing through a link that leaves its cache folder.)
    """

    return lambda folder: linked_cache(folder, shared_cache)


def linked_cache(folder: Path, shared_cache: Path) -> Path:
    """Make `folder` a link to the run's shared cache (see `warm_cache`); return it."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.symlink_to(shared_cache, target_is_directory=True)
    return folder


SHARED = ("photos", "ink-proxies")  # what the photo workers keep, by content: safe to share within the run


def seeded_cache(folder: Path, photo_store: Path) -> Path:
    """Make `folder` a cache of its own holding (hard links to) the photos prepared so far in the run, and their
    ink proxies."""
    for name in SHARED:
        (folder / name).mkdir(parents=True)
        store = photo_store.parent / name
        for entry in store.iterdir() if store.is_dir() else []:
            if not entry.name.startswith("."):
                os.link(entry, folder / name / entry.name)
    return folder


def share_photos(folder: Path, photo_store: Path) -> None:
    """Offer the photos a cache of its own prepared (and their ink proxies) to the rest of the run (hard links,
    complete files only)."""
    for name in SHARED:
        store = photo_store.parent / name
        store.mkdir(exist_ok=True)
        mine = folder / name
        # a photo's sidecar vouches for its JPEG: offered last
        for entry in sorted(mine.iterdir() if mine.is_dir() else [], key=lambda p: p.suffix != ".jpg"):
            if not entry.name.startswith(".") and not (store / entry.name).exists():
                try:
                    os.link(entry, store / entry.name)
                except FileExistsError:  # another worker was quicker
                    pass


@pytest.fixture
def warm_project(project: Path, warm_cache: Callable[[Path], Path]) -> Path:
    """Return a fresh copy of the sample project whose cache holds the run's prepared photos."""
    warm_cache(project / ".cache" / "calendar-build")
    return project


# The reference builds (tests/render/conftest.py) by the fixture that asks for them; a parametrised one by its param.
REFERENCE_BUILDS = {"print_build": "print-a3", "screen_build": "screen", "print_a4_build": "print-a4"}
REFERENCE_PARAMS = {"print_builds": {"a3": "print-a3", "a4": "print-a4"}, "print_product": None, "poster_build": None,
                    "every_poster": None}  # None: the param is the product's id


def reference_builds(item: pytest.Item) -> set[str]:
    """Return the products whose reference build a test reads."""
    names = set(getattr(item, "fixturenames", ()))
    found = {product for name, product in REFERENCE_BUILDS.items() if name in names}
    params = getattr(getattr(item, "callspec", None), "params", {})
    for name, ids in REFERENCE_PARAMS.items():
        if name in names and name in params:
            found.add(str(params[name]) if ids is None else ids[params[name]])
    return found


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Send the tests reading one reference build to one xdist worker, and every `xdist_group` to one worker;
    run the reference builds' groups first.

    Made once per run, a build is needed by many tests; spread over the workers, all but one would wait for
    it. A test reading two builds, or already in a group of its own, is left as it is.
    """
    for item in items:
        builds = reference_builds(item)
        if len(builds) == 1 and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(f"build-{builds.pop()}"))
    # The groups of the reference builds first (the longest work first, and their photos and parts are then
    # ready for the checks of the sample that lay out the same pages); otherwise in the order collected.
    items.sort(key=lambda item: not any(str(mark.args[0] if mark.args else "").startswith("build-")
                                        for mark in item.iter_markers("xdist_group")))
    if getattr(config.option, "loadgroup", False):  # an xdist worker under --dist loadgroup
        for item in items:
            in_group(item)


def in_group(item: pytest.Item) -> None:
    """Give a test of an `xdist_group` the id suffix '@group' by which xdist's scheduler keeps the group together.

    pytest-xdist 3.8 writes the suffix into `item._nodeid`, which pytest 9.2 no longer reads (the id is the
    structured `item._id`): without this, `--dist loadgroup` spreads a group over the workers like any tests.
    """
    names = sorted({str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                    for mark in item.iter_markers("xdist_group")})
    suffix = f"@{'_'.join(names)}"
    if not names or item.nodeid.endswith(suffix):
        return
    if hasattr(item, "_id"):
        from _pytest.nodeid import NodeId  # noqa: PLC0415 - pytest 9.2 and later

        item._id = NodeId.parse(item.nodeid + suffix)
    else:
        item._nodeid = item.nodeid + suffix


@pytest.fixture(scope="session", autouse=True)
def remembered_layouts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[layout_memo.Memo]:
    """Lay out each distinct layout-only part once per run (see tests/layout_memo.py)."""
    yield layout_memo.install(run_folder(tmp_path_factory) / "layout-memo")


@pytest.fixture(scope="session", autouse=True)
def remembered_ink(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Draw the ink separations of each distinct print PDF once per run (see tests/ink_memo.py)."""
    ink_memo.install(run_folder(tmp_path_factory) / "ink-memo")


# --- time per test folder, printed at the end of every run ------------------------------------------------------
# Wall time and CPU time (this process and its children) of each test's setup, call and teardown, measured where
# the test runs and carried on its reports: with pytest-xdist the workers' figures are added up by the controller.
# On a busy machine the CPU time still says what a folder costs; `make test`'s target (under two minutes on two
# cores) is judged by both.
_SPENT: dict[str, list[float]] = {}
_TESTS: dict[str, float] = {}  # CPU time of each test, for the list of the costliest
_MARK = [0.0]
COSTLIEST = int(os.environ.get("COSTLIEST", "15"))  # how many of the costliest tests to list
_STARTED = [time.perf_counter()]


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def folder_of(nodeid: str) -> str:
    """Return the test folder of a test id ('tests/cli'), 'tests' for the files directly in tests/."""
    parts = nodeid.split("::")[0].split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Note when the run started."""
    _STARTED[0] = time.perf_counter()


def pytest_runtest_logstart(nodeid: str, location: tuple[str, int | None, str]) -> None:
    """Start counting a test's CPU time."""
    _MARK[0] = _cpu()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Put the CPU time of the phase just ended on its report (which travels from an xdist worker)."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    now = _cpu()
    report.cpu = now - _MARK[0]
    _MARK[0] = now


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Add a phase's wall and CPU time to its folder."""
    spent = _SPENT.setdefault(folder_of(report.nodeid), [0.0, 0.0])
    spent[0] += report.duration
    spent[1] += float(getattr(report, "cpu", 0.0))
    _TESTS[report.nodeid] = _TESTS.get(report.nodeid, 0.0) + float(getattr(report, "cpu", 0.0))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Print the time each test folder took."""
    if not _SPENT or hasattr(config, "workerinput"):
        return
    workers = getattr(config.option, "numprocesses", None)
    terminalreporter.write_sep("-", "time per test folder (wall / CPU incl. child processes"
                               + ("; summed over the workers)" if workers else ")"))
    for name, (wall, cpu) in sorted(_SPENT.items(), key=lambda item: -item[1][1]):
        terminalreporter.write_line(f"{name:<24} {wall:7.1f} s  {cpu:7.1f} s")
    wall, cpu = (sum(spent[i] for spent in _SPENT.values()) for i in (0, 1))
    terminalreporter.write_line(f"{'all tests':<24} {wall:7.1f} s  {cpu:7.1f} s   "
                                f"(the run took {time.perf_counter() - _STARTED[0]:.1f} s)")
    terminalreporter.write_sep("-", "the costliest tests (CPU incl. child processes and fixtures they set up)")
    for nodeid, cpu in sorted(_TESTS.items(), key=lambda item: -item[1])[:COSTLIEST]:
        terminalreporter.write_line(f"{cpu:7.1f} s  {nodeid}")


def copy_warm_cache(shared: Path, target: Path) -> None:
    """Copy the run's shared cache, leaving out what other workers are writing just now (hidden temporary names)."""
    shutil.copytree(shared, target, ignore=lambda _folder, names: [n for n in names if n.startswith(".")])
