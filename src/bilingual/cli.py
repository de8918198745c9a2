"""The command line: options become settings, settings go to the pipeline,
errors become one-line messages and exit codes."""

from __future__ import annotations

import functools
import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from bilingual import __version__
from bilingual.config import ArgosSettings, Settings
from bilingual.errors import BilingualError, OutputError, UsageError

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn a :class:`BilingualError` into its message and exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BilingualError as exc:
            click.echo(f"bilingual: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bilingual")
def cli() -> None:
    """Offline English<->Spanish article translation and publishing."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "output_dir",
    default="output",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder for the outputs and report.json.",
)
@click.option("--from", "source_lang", default="auto", show_default=True, help="Source language: auto, en or es.")
@click.option("--to", "target_lang", default=None, help="Target language: en or es (default: the other one).")
@click.option(
    "-g",
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Glossary file (CSV, TSV or TBX); repeatable.",
)
@click.option("--engine", default="auto", show_default=True, help="auto, argos, apertium or fake.")
@click.option("--xliff", "xliff_version", default="1.2", show_default=True, help="XLIFF version: 1.2 or 2.1.")
@click.option("--tm", "tm_path", default=None, type=click.Path(path_type=Path), help="Translation memory (SQLite).")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64), help="Parallel workers.")
@click.option(
    "--fail-on",
    default="error",
    show_default=True,
    type=click.Choice(["error", "warning", "never"]),
    help="QA severity that makes the run exit 1.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--device",
    default="cpu",
    show_default=True,
    type=click.Choice(["cpu", "cuda", "auto"]),
    help="Argos: where the model runs.",
)
@click.option(
    "--compute-type", default="auto", show_default=True, help="Argos: CTranslate2 compute type (int8, float32…)."
)
@click.option("--beam-size", default=4, show_default=True, type=click.IntRange(1, 16), help="Argos: beam size.")
@click.option(
    "--threads",
    default=0,
    show_default=True,
    type=click.IntRange(0, 256),
    help="Argos: threads per translation (0: CTranslate2 decides).",
)
@reports_errors
def translate(
    paths: tuple[str, ...],
    output_dir: Path,
    source_lang: str,
    target_lang: str | None,
    glossaries: tuple[Path, ...],
    engine: str,
    xliff_version: str,
    tm_path: Path | None,
    jobs: int,
    fail_on: str,
    as_json: bool,
    quiet: bool,
    device: str,
    compute_type: str,
    beam_size: int,
    threads: int,
) -> None:
    """Translate article pages (files or folders of .html/.htm)."""
    from bilingual.batch import check_xliff_version, run_translate
    from bilingual.mt.registry import ENGINE_NAMES

    if engine not in ENGINE_NAMES:
        raise UsageError(f"unknown engine '{engine}' (choose from: {', '.join(ENGINE_NAMES)})")
    _check_language("--from", source_lang, allow_auto=True)
    if target_lang is not None:
        _check_language("--to", target_lang)
    settings = Settings(
        output_dir=output_dir,
        source_lang=source_lang,
        target_lang=target_lang,
        engine=engine,
        glossaries=glossaries,
        xliff_version=check_xliff_version(xliff_version),
        tm_path=tm_path,
        jobs=jobs,
        fail_on=fail_on,  # type: ignore[arg-type]
        argos=ArgosSettings(device=device, compute_type=compute_type, beam_size=beam_size, intra_threads=threads),
    )
    _check_output_folder(output_dir)
    result = run_translate(list(paths), settings)
    if as_json:
        click.echo(Path(result.report_path).read_text(encoding="utf-8"), nl=False)
    elif not quiet:
        for report in result.reports:
            if report.status == "ok" and report.document is not None:
                doc = report.document
                issues = len(doc.all_issues())
                click.echo(
                    f"{report.input}: {doc.source_lang}->{doc.target_lang}, "
                    f"{len(doc.segments)} segments, {issues} QA issues"
                )
        click.echo(f"report: {result.report_path}")
    for report in result.failed:
        click.echo(f"bilingual: {report.error}", err=True)
    sys.exit(result.exit_code)


def _check_output_folder(folder: Path) -> None:
    """A file where the output folder (or one above it) must go is refused
    before any work: found after a batch, it cost the whole batch."""
    found = folder
    while not found.exists() and found != found.parent:
        found = found.parent
    if found.exists() and not found.is_dir():
        raise OutputError("is a file, not a folder for the outputs (-o)", path=str(found))


def _check_language(option: str, value: str, allow_auto: bool = False) -> None:
    allowed = ("auto", "en", "es") if allow_auto else ("en", "es")
    if value not in allowed:
        raise UsageError(f"{option} must be one of {', '.join(allowed)}, not '{value}'")


@cli.command()
@click.argument("reviewed", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output_dir", default="output", show_default=True, type=click.Path(path_type=Path))
@click.option(
    "--source",
    "source",
    default=None,
    type=click.Path(path_type=Path),
    help="The source article, if the path named in the file does not resolve.",
)
@click.option(
    "--tm",
    "tm_path",
    default=None,
    type=click.Path(path_type=Path),
    help="Store the reviewed segments in this translation memory.",
)
@reports_errors
def publish(reviewed: Path, output_dir: Path, source: Path | None, tm_path: Path | None) -> None:
    """Publish a reviewed XLIFF: the final article and bilingual page."""
    from bilingual.publish import publish as run_publish

    _check_output_folder(output_dir)
    done = run_publish(reviewed, output_dir, source, tm_path)
    for name, path in done.outputs.items():
        click.echo(f"{name}: {path}")
    click.echo(f"{done.reviewed} reviewed segments published")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option("--fail-on", default="error", show_default=True, type=click.Choice(["error", "warning", "never"]))
@reports_errors
def qa(file: Path, glossaries: tuple[Path, ...], as_json: bool, fail_on: str) -> None:
    """Run the QA checks on an XLIFF file."""
    from bilingual.glossary import load_glossaries
    from bilingual.qa.review import check_xliff

    glossary = load_glossaries(glossaries) if glossaries else None
    findings = check_xliff(file, glossary)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "line": f.line,
                        "segment": f.issue.segment_id,
                        "check": f.issue.check,
                        "severity": f.issue.severity,
                        "message": f.issue.message,
                    }
                    for f in findings
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for f in findings:
            click.echo(f"{file}:{f.line}: {f.issue.severity}: {f.issue.check}: {f.issue.segment_id}: {f.issue.message}")
    levels = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}[fail_on]
    sys.exit(1 if any(f.issue.severity in levels for f in findings) else 0)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(["text", "json"]))
@reports_errors
def extract(file: Path, fmt: str) -> None:
    """Show what the reader takes from a page."""
    from bilingual.extract.view import extraction_json, extraction_text
    from bilingual.pipeline import read_document

    document = read_document(file, Settings())
    if fmt == "json":
        click.echo(json.dumps(extraction_json(document), ensure_ascii=False, indent=2))
    else:
        click.echo(extraction_text(document))


@cli.group()
def glossary() -> None:
    """Glossary tools."""


@glossary.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@reports_errors
def glossary_check(files: tuple[Path, ...]) -> None:
    """Validate term lists; every problem is printed as FILE:LINE. Valid
    lists are also compiled, so translating with them starts faster."""
    from bilingual.glossary import check_glossary_files, compile_glossaries

    problems = check_glossary_files(files)
    for problem in problems:
        click.echo(str(problem), err=True)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if errors:
        click.echo(f"bilingual: {errors} error(s), {warnings} warning(s)", err=True)
        sys.exit(65)
    compile_glossaries(files)
    click.echo(f"ok: {', '.join(str(f) for f in files)} ({warnings} warning(s))")


@cli.group()
def models() -> None:
    """Argos Translate model packages."""


@models.command("install")
@click.argument("source")
@click.argument("target")
@click.option("--both", is_flag=True, help="Also install the opposite direction.")
@click.option(
    "--from-file",
    "from_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Install a package file downloaded elsewhere.",
)
@reports_errors
def models_install(source: str, target: str, both: bool, from_file: Path | None) -> None:
    """Install the package for SOURCE -> TARGET (e.g. en es)."""
    from bilingual.mt.models import install_from_file, install_from_index

    _check_language("SOURCE", source)
    _check_language("TARGET", target)
    if from_file is not None:
        if both:
            raise UsageError("--both downloads from the package index; with --from-file install each file separately")
        installed = [install_from_file(from_file, source, target)]
    else:
        pairs = [(source, target), (target, source)] if both else [(source, target)]
        installed = []
        for pair in pairs:
            with click.progressbar(length=100, label=f"{pair[0]}->{pair[1]}") as bar:

                def progress(done: int, total: int, bar: Any = bar) -> None:
                    if total:
                        bar.update(int(done * 100 / total) - bar.pos)

                installed.append(install_from_index(*pair, progress=progress))
    for model in installed:
        click.echo(f"installed {model.source}->{model.target} {model.version}: {model.path}")


@models.command("list")
@reports_errors
def models_list() -> None:
    """Installed packages: pair, version, path."""
    from bilingual.mt.models import list_models

    found = list_models()
    if not found:
        click.echo("no Argos packages installed (bilingual models install en es --both)")
    for model in found:
        click.echo(f"{model.source}->{model.target}  {model.version}  {model.path}")


@cli.command()
def engines() -> None:
    """List the engines, their availability and versions."""
    from bilingual.mt.inventory import engine_rows

    for row in engine_rows():
        click.echo(row)


class _Stopped(BaseException):
    """Ctrl-C (SIGINT) or SIGTERM (a scheduler's timeout, ``kill``) as an
    exception, so that what is half-written is removed and workers and
    engines are stopped. (Not KeyboardInterrupt, which click would turn
    into "Aborted!" and exit 1.)"""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stopped(signum: int, frame: object) -> None:
    raise _Stopped(signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _stopped)
    signal.signal(signal.SIGINT, _stopped)
    try:
        cli.main(prog_name="bilingual", standalone_mode=True)
    except _Stopped as stop:
        click.echo("bilingual: " + ("interrupted" if stop.signum == signal.SIGINT else "terminated"), err=True)
        # Files, engines and workers are closed, and the report written, by
        # now. The interpreter's own exit would wait for a worker pool's
        # manager thread, which a stopped worker can leave waiting for ever.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(128 + stop.signum)
    except Exception as exc:  # last resort: one line, exit 70, never a traceback
        click.echo(f"bilingual: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(70)


if __name__ == "__main__":
    main()
