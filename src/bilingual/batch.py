"""Batches of articles: find the files, read each on its own (one bad
article never stops the batch), translate every direction in one batched
engine call, check, write, report."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilingual import __version__
from bilingual.config import Settings
from bilingual.errors import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_QA_FAILED,
    BilingualError,
    EngineError,
    InputNotFoundError,
    UsageError,
    printable,
)
from bilingual.formats import output_formats, write_atomic, write_outputs
from bilingual.formats.report import ArticleReport, render_report
from bilingual.glossary import Glossary, GlossaryError, load_glossaries
from bilingual.memory import TranslationMemory, apply_memory, mt_context, remember
from bilingual.model import Document
from bilingual.mt import translate_documents
from bilingual.mt.base import Translator
from bilingual.mt.registry import create_translator
from bilingual.pipeline import GlossarySource, finish_document, read_document

HTML_SUFFIXES = (".html", ".htm")
Clock = Callable[[], float]


@dataclass
class RunResult:
    reports: list[ArticleReport] = field(default_factory=list)
    report_path: str = ""
    exit_code: int = EXIT_OK

    @property
    def failed(self) -> list[ArticleReport]:
        return [r for r in self.reports if r.status == "failed"]


@dataclass(frozen=True)
class InputFile:
    path: Path
    stem: str  # output name relative to the output folder, without suffix


def find_inputs(paths: list[str]) -> list[InputFile]:
    """Files as given; folders searched recursively for ``*.html``/``*.htm``."""
    found: list[InputFile] = []
    missing: list[InputFile] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # broken or looping links are kept: reading them fails with a clear error in the report
            files = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in HTML_SUFFIXES and (p.is_file() or p.is_symlink())
            )
            found += [InputFile(p, p.relative_to(path).with_suffix("").as_posix()) for p in files]
        elif path.exists():
            found.append(InputFile(path, path.stem))
        elif len(paths) == 1:
            raise InputNotFoundError("no such file or folder", path=raw)
        else:
            missing.append(InputFile(path, path.stem))  # one mistyped name does not stop the others
    if not found:
        raise InputNotFoundError("no .html or .htm files found", path=", ".join(paths))
    return _distinct_stems(found + missing)


def _distinct_stems(found: list[InputFile]) -> list[InputFile]:
    """One output name per article: the same file given twice is read once,
    and articles that would share a name (``a/story.html`` and
    ``b/story.html`` given as files, ``story.html`` beside ``story.htm``)
    get ``-2``, ``-3``… rather than overwriting each other's outputs."""
    seen_files: set[Path] = set()
    taken: set[str] = set()
    distinct = []
    for item in found:
        real = Path(os.path.realpath(item.path))  # never raises, even on a link loop
        if real in seen_files:
            continue
        seen_files.add(real)
        stem, number = item.stem, 1
        while stem.casefold() in taken:  # case-insensitive file systems too
            number += 1
            stem = f"{item.stem}-{number}"
        taken.add(stem.casefold())
        distinct.append(InputFile(item.path, stem))
    return distinct


def run_translate(
    paths: list[str],
    settings: Settings,
    *,
    translator_factory: Callable[[str, str], Translator] | None = None,
    clock: Clock = time.perf_counter,
    progress: Callable[[str], None] | None = None,
) -> RunResult:
    inputs = find_inputs(paths)
    glossary_files = _GlossaryFiles(settings.glossaries)
    if not _in_process(settings.jobs, len(inputs)):
        glossary_files()  # worker processes are given it read and checked
    engines = _Engines(translator_factory or (lambda s, t: create_translator(settings.engine, s, t, settings)))
    reports = {i.path: ArticleReport(str(i.path), "ok") for i in inputs}
    translated: list[tuple[InputFile, Document]] = []
    finished: list[tuple[Any, float]] = []  # filled as each article is written
    written: set[Path] = set()
    memory = None
    try:
        try:
            documents = _read_all(inputs, settings, reports, clock, glossary_files, engines)
            glossary = glossary_files()  # (read here if no article was)
            memory = TranslationMemory(settings.tm_path) if settings.tm_path else None
            translated = _translate_by_direction(documents, engines, reports, clock, memory, glossary)
        finally:
            engines.close()
            if memory is not None:
                memory.close()
        _in_workers(
            _finish_and_write,
            [(d, glossary, settings.output_dir, item.stem, settings.xliff_version) for item, d in translated],
            settings.jobs,
            into=finished,
        )
    except Exception:  # the run cannot go on (no engine, a broken memory): nothing to report
        raise
    except BaseException:  # stopped (Ctrl-C, SIGTERM): the report says what was written before
        _record_written(translated, finished, reports, written, progress)
        with contextlib.suppress(Exception):  # (the stop is what the user hears of, not this)
            _write_report(RunResult(list(reports.values())), settings, written)
        raise
    _record_written(translated, finished, reports, written, progress)
    result = RunResult(list(reports.values()))
    _write_report(result, settings)
    result.exit_code = _exit_code(result, settings)
    return result


def _record_written(
    translated: list[tuple[InputFile, Document]],
    finished: list[tuple[Any, float]],
    reports: dict[Path, ArticleReport],
    written: set[Path],
    progress: Callable[[str], None] | None,
) -> None:
    for (item, _), (outcome, elapsed) in zip(translated, finished, strict=False):
        report = reports[item.path]
        report.timings["write"] = elapsed
        if isinstance(outcome, _Failure):
            outcome.apply(report)
        else:
            report.document, report.outputs = outcome
        written.add(item.path)
        if progress:
            progress(f"{item.path}: {report.status}")


def _write_report(result: RunResult, settings: Settings, written: set[Path] | None = None) -> None:
    """report.json; ``written`` is given when the run was stopped: the
    articles it does not hold, and that had not failed, were not finished."""
    run = _run_facts(settings)
    if written is not None:
        run["complete"] = False
        for report in result.reports:
            if Path(report.input) not in written and report.status == "ok":
                report.status = "interrupted"
    result.report_path = str(settings.output_dir / "report.json")
    write_atomic(Path(result.report_path), render_report(result.reports, run).encode("utf-8"))


def _read_all(
    inputs: list[InputFile],
    settings: Settings,
    reports: dict[Path, ArticleReport],
    clock: Clock,
    glossary_files: _GlossaryFiles,
    engines: _Engines,
) -> list[tuple[InputFile, Document]]:
    """Each article read, segmented and matched against the glossary; read
    in this process, each direction's engine starts as soon as the first
    article in that direction is read, and loads while the rest is done
    (the glossary's reading too: see :class:`_GlossaryFiles`)."""
    documents = []
    glossary: GlossarySource
    if _in_process(settings.jobs, len(inputs)):
        on_direction, glossary = engines.start, glossary_files
    else:
        on_direction, glossary = None, glossary_files()
    read = _in_workers(_read_one, [(item.path, settings, glossary, on_direction) for item in inputs], settings.jobs)
    for item, (outcome, elapsed) in zip(inputs, read, strict=True):
        reports[item.path].timings["read"] = elapsed
        if isinstance(outcome, _Failure):
            outcome.apply(reports[item.path])
        else:
            documents.append((item, outcome))
    return documents


@dataclass(frozen=True)
class _Failure:
    """An error that crossed a process boundary (exceptions do not pickle
    with their file and line)."""

    message: str
    exit_code: int

    def apply(self, report: ArticleReport) -> None:
        report.status = "failed"
        report.error = self.message
        report.exit_code = self.exit_code


def _read_one(
    path: Path,
    settings: Settings,
    glossary: GlossarySource,
    on_direction: Callable[[str, str], None] | None = None,
) -> tuple[Document | _Failure, float]:
    started = time.perf_counter()
    try:
        return read_document(path, settings, glossary, on_direction), time.perf_counter() - started
    except GlossaryError:  # the run's, not the article's
        raise
    except BilingualError as exc:
        return _Failure(str(exc), exc.exit_code), time.perf_counter() - started
    except Exception as exc:  # a fault of ours on this article: reported, and the batch goes on
        return _internal(path, exc), time.perf_counter() - started


def _finish_and_write(
    document: Document, glossary: Glossary | None, output_dir: Path, stem: str, xliff_version: str
) -> tuple[tuple[Document, dict[str, str]] | _Failure, float]:
    started = time.perf_counter()
    try:
        document = finish_document(document, glossary)
        outputs = write_outputs(document, output_dir, stem, output_formats(xliff_version))
        return (document, outputs), time.perf_counter() - started
    except BilingualError as exc:
        return _Failure(str(exc), exc.exit_code), time.perf_counter() - started
    except Exception as exc:  # a fault of ours on this article: reported, and the batch goes on
        return _internal(document.source_path, exc), time.perf_counter() - started


def _internal(path: str | Path, exc: Exception) -> _Failure:
    return _Failure(f"{printable(str(path))}: internal error: {type(exc).__name__}: {exc}", BilingualError.exit_code)


def _in_workers(
    function: Callable[..., Any], calls: list[tuple[Any, ...]], jobs: int, into: list[Any] | None = None
) -> list[Any]:
    """``function`` over the calls, in order: in this process, or in ``jobs``
    worker processes (reading and writing are CPU-bound Python). Outcomes
    are added to ``into`` as they come, so that a caller stopped midway
    knows which calls were done."""
    outcomes: list[Any] = [] if into is None else into
    if _in_process(jobs, len(calls)):
        for call in calls:
            outcomes.append(function(*call))
        return outcomes
    context = multiprocessing.get_context("spawn")
    with _pool(jobs, context) as pool:
        size = max(1, len(calls) // (4 * jobs))
        starts = range(0, len(calls), size)
        chunks: list[Future[list[Any]]] = []
        with _stop_signals_held():  # the workers start here: none is left half-started
            for start in starts:
                try:
                    chunks.append(pool.submit(_run_chunk, function, calls[start : start + size]))
                except (BrokenProcessPool, OSError, ValueError):
                    # A worker was killed already: the calls not sent are done
                    # alone. (A pool that breaks while it starts a worker for
                    # the call fails on the pipes it has just closed.)
                    break
        for number, start in enumerate(starts):
            try:
                if number < len(chunks):
                    outcomes += _result(chunks[number], pool)
                    continue
            except BrokenProcessPool:  # a worker was killed (out of memory, by hand): the rest again, alone
                pass
            outcomes += [_in_own_worker(function, call, context) for call in calls[start : start + size]]
        return outcomes


@contextlib.contextmanager
def _pool(jobs: int, context: Any) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``jobs`` worker processes. Interrupted or terminated, its
    workers stop now, not after the batch, and the pool is not waited for:
    a worker stopped while it sends a result leaves the pool's manager
    thread waiting for the rest of it, for ever. (The process then ends
    without waiting for that thread: see ``cli.main``. The pool's futures
    are left alone: cancelling them makes the thread fail with a traceback
    once it finds the workers gone.)"""
    _quiet_resource_tracker()
    others = set(multiprocessing.active_children())  # (an outer pool's)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_signals)
    try:
        yield pool
    except BaseException:
        for worker in multiprocessing.active_children():
            worker.terminate()
        pool.shutdown(wait=False)
        raise
    # Done: the workers are told to end. One killed from outside while it
    # waited for work (holding the lock of the pool's queue) leaves the
    # others waiting for that lock, and the pool's shutdown for them, for
    # ever; those are stopped.
    pool.shutdown(wait=False)
    deadline = time.monotonic() + _WORKERS_END
    for worker in set(multiprocessing.active_children()) - others:
        worker.join(max(0.0, deadline - time.monotonic()))
        if worker.is_alive():
            worker.kill()
    pool.shutdown(wait=True)


_WORKERS_END = 10.0  # seconds idle workers are given to end


def _result(future: Future[Any], pool: ProcessPoolExecutor) -> Any:
    """The future's result. A worker killed while it was sending a result
    leaves the rest of it unsent, and the pool's manager thread waiting for
    it for ever (and the other workers waiting for the lock of the pipe):
    once a worker has been gone for a few seconds with the future still
    pending, the pool is ended so that its manager notices. Its other
    workers are stopped and this process's end of the result pipe closed:
    the manager reads the end of the pipe and fails the pool, and the
    future raises ``BrokenProcessPool`` as for any lost worker. (The
    workers and the pipe are the executor's own attributes: CPython gives
    no public way to them.)"""
    lost_since: float | None = None
    while True:
        try:
            return future.result(timeout=_POLL)
        except TimeoutError:
            pass
        workers = list((getattr(pool, "_processes", None) or {}).values())
        if not any(worker.exitcode not in (None, 0) for worker in workers):
            lost_since = None
        elif lost_since is None:
            lost_since = time.monotonic()
        elif time.monotonic() - lost_since >= _LOST_WORKER_GRACE:
            for worker in workers:
                if worker.exitcode is None:
                    worker.kill()
            results = getattr(pool, "_result_queue", None)
            if results is not None:
                with contextlib.suppress(OSError):
                    results._writer.close()
            lost_since = None


_POLL = 0.5  # seconds between looks at the workers while a result is awaited
_LOST_WORKER_GRACE = 5.0  # seconds a pool is given to notice a lost worker itself


_TRACKER_WARNING = "ignore::UserWarning:multiprocessing.resource_tracker"


def _quiet_resource_tracker() -> None:
    """The process that frees a pool's semaphores when a stopped run leaves
    them (multiprocessing's resource tracker, started with the first pool)
    does so without a warning: the stop was said once already."""
    current = os.environ.get("PYTHONWARNINGS", "")
    if _TRACKER_WARNING not in current:
        os.environ["PYTHONWARNINGS"] = f"{current},{_TRACKER_WARNING}" if current else _TRACKER_WARNING


def _run_chunk(function: Callable[..., Any], calls: list[tuple[Any, ...]]) -> list[Any]:
    return [function(*call) for call in calls]


def _in_own_worker(function: Callable[..., Any], call: tuple[Any, ...], context: Any) -> Any:
    """One call in a worker of its own, after a worker was lost: if this
    worker is lost too, the call's article is what kills it."""
    with _pool(1, context) as pool:
        with _stop_signals_held():
            future = pool.submit(function, *call)
        try:
            return _result(future, pool)
        except BrokenProcessPool:
            path = call[0] if isinstance(call[0], (str, Path)) else getattr(call[0], "source_path", "")
            return _Failure(
                f"{printable(str(path))}: error: the worker process handling this article was killed (out of memory?)",
                BilingualError.exit_code,
            )


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _stop_signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done. A stop while a
    worker is being started would cut the start-up data the worker is
    reading, and it would print a traceback of its own."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _worker_signals() -> None:
    """A worker leaves Ctrl-C to the parent (it reaches every process of
    the terminal's group; a worker interrupted inside the pool's own
    bookkeeping can leave it stuck), and takes SIGTERM from it again (the
    mask it was started with held it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def _in_process(jobs: int, count: int) -> bool:
    return jobs <= 1 or count <= 1


class _GlossaryFiles:
    """The run's glossary files, read and checked once, when first asked
    for. Articles read in this process ask for it once the first one's
    engine has started: a new list is then read and compiled while the
    engine loads (Apertium takes about 90 ms) rather than before."""

    def __init__(self, paths: tuple[Path, ...]):
        self.paths = paths
        self.glossary: Glossary | None = None

    def __call__(self) -> Glossary | None:
        if self.glossary is None and self.paths:
            self.glossary = load_glossaries(self.paths)
        return self.glossary


class _Engines:
    """One translator per direction, made and started when first asked
    for. An engine that cannot be made is reported when it is needed to
    translate, not while articles are read."""

    def __init__(self, make: Callable[[str, str], Translator]):
        self.make = make
        self.made: dict[tuple[str, str], Translator | BilingualError] = {}

    def start(self, source: str, target: str) -> None:
        if (source, target) not in self.made:
            try:
                translator = self.made[(source, target)] = self.make(source, target)
                translator.start()
            except BilingualError as exc:
                self.made[(source, target)] = exc

    def get(self, source: str, target: str) -> Translator:
        self.start(source, target)
        found = self.made[(source, target)]
        if isinstance(found, BilingualError):
            raise found
        return found

    def close(self, source: str = "", target: str = "") -> None:
        """Close one direction's engine, or (no direction given) all still open."""
        for key in [(source, target)] if source else list(self.made):
            translator = self.made.pop(key, None)
            if translator is not None and not isinstance(translator, BilingualError):
                translator.close()


def _translate_by_direction(
    documents: list[tuple[InputFile, Document]],
    engines: _Engines,
    reports: dict[Path, ArticleReport],
    clock: Clock,
    memory: TranslationMemory | None = None,
    glossary: Glossary | None = None,
) -> list[tuple[InputFile, Document]]:
    """One engine per direction; every document of a direction goes through
    it in one batched call (after the memory answered what it knows)."""
    by_direction: dict[tuple[str, str], list[tuple[InputFile, Document]]] = {}
    for item, document in documents:
        by_direction.setdefault((document.source_lang, document.target_lang), []).append((item, document))
    out = []
    for (source, target), group in by_direction.items():
        started = clock()
        translator = engines.get(source, target)
        info = translator.info
        context = mt_context(info, glossary.describe() if glossary else "")
        batch = [d for _, d in group]
        if memory is not None:
            batch = [apply_memory(d, memory, context) for d in batch]
        try:
            done = _translate_all(batch, translator)
        finally:
            engines.close(source, target)  # its model or process is not needed for the other direction
        elapsed = (clock() - started) / max(1, len(group))
        for (item, _), outcome in zip(group, done, strict=True):
            if isinstance(outcome, EngineError):
                _fail(reports[item.path], EngineError(outcome.message, path=str(item.path)))
                continue
            if memory is not None:
                remember(outcome, memory, ("mt",), context)
            reports[item.path].timings["translate"] = elapsed
            out.append((item, outcome))
    return out


def _translate_all(batch: list[Document], translator: Translator) -> list[Document | EngineError]:
    """The batch in one engine call; if the engine fails on it (a crash, a
    timeout on some pathological text), each article again on its own, so
    that only the articles the engine cannot take fail."""
    try:
        return list(translate_documents(batch, translator))
    except EngineError as exc:
        if len(batch) == 1:
            return [exc]
    done: list[Document | EngineError] = []
    for document in batch:
        try:
            done.append(translate_documents([document], translator)[0])
        except EngineError as exc:
            done.append(exc)
    return done


def _fail(report: ArticleReport, exc: BilingualError) -> None:
    report.status = "failed"
    report.error = str(exc)
    report.exit_code = exc.exit_code


def _exit_code(result: RunResult, settings: Settings) -> int:
    if result.failed:  # one article alone is no batch: its own code (65 bad input, 73 cannot write…)
        return result.failed[0].exit_code if len(result.reports) == 1 else EXIT_PARTIAL
    if settings.fail_on == "never":
        return EXIT_OK
    levels = {"error"} if settings.fail_on == "error" else {"error", "warning"}
    for report in result.reports:
        if report.document and any(i.severity in levels for i in report.document.all_issues()):
            return EXIT_QA_FAILED
    return EXIT_OK


def _run_facts(settings: Settings) -> dict[str, Any]:
    return {
        "version": __version__,
        "engine_requested": settings.engine,
        "xliff_version": settings.xliff_version,
        "fail_on": settings.fail_on,
    }


def check_xliff_version(version: str) -> str:
    if version not in ("1.2", "2.1"):
        raise UsageError(f"unknown XLIFF version '{version}' (choose 1.2 or 2.1)")
    return version
