"""Installing and listing Argos Translate packages (``bilingual models``).

Everything goes through ``argostranslate.package``: the package index, the
download (ours, with a progress bar), the installation. Air-gapped
newsrooms install a package file fetched elsewhere with ``--from-file``.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilingual.errors import EngineUnavailableError, InputDataError, InputNotFoundError

INDEX_PAGE = "https://www.argosopentech.com/argospm/index/"


@dataclass(frozen=True)
class InstalledModel:
    source: str
    target: str
    version: str
    path: str


def list_models() -> list[InstalledModel]:
    from bilingual.mt.argos import installed_packages

    return sorted(
        (
            InstalledModel(p.from_code, p.to_code, str(p.package_version), str(p.package_path))
            for p in installed_packages()
        ),
        key=lambda m: (m.source, m.target),
    )


def package_file_name(source: str, target: str, version: str = "") -> str:
    suffix = f"-{version.replace('.', '_')}" if version else ""
    return f"translate-{source}_{target}{suffix}.argosmodel"


def _offline_error(source: str, target: str, reason: str, version: str = "") -> EngineUnavailableError:
    name = package_file_name(source, target, version) if version else f"translate-{source}_{target}-*.argosmodel"
    return EngineUnavailableError(
        f"cannot download the Argos package for {source}->{target} ({reason}); fetch {name} "
        f"on a connected machine (package index: {INDEX_PAGE}) and install it with: "
        f"bilingual models install {source} {target} --from-file {name}"
    )


def install_from_index(source: str, target: str, progress: Callable[[int, int], None] | None = None) -> InstalledModel:
    """Update the package index, download the pair's package, install it."""
    from argostranslate import package, settings

    try:
        with urllib.request.urlopen(settings.remote_package_index, timeout=30) as response:
            Path(settings.local_package_index).write_bytes(response.read())
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise _offline_error(source, target, f"package index unreachable: {_reason(exc)}") from exc
    available = [p for p in package.get_available_packages() if p.from_code == source and p.to_code == target]
    if not available:
        raise EngineUnavailableError(f"the Argos package index has no {source}->{target} package")
    chosen = max(available, key=lambda p: _version_key(p.package_version))
    path = Path(settings.downloads_dir) / package_file_name(source, target, chosen.package_version)
    _download(chosen, path, progress, source, target)
    try:
        return install_from_file(path, source, target)
    finally:
        path.unlink(missing_ok=True)


def _download(chosen: Any, path: Path, progress: Callable[[int, int], None] | None, source: str, target: str) -> None:
    last_error: Exception | None = None
    for link in chosen.links:
        try:
            with urllib.request.urlopen(link, timeout=60) as response, open(path, "wb") as out:
                total = int(response.headers.get("Content-Length") or 0)
                done = 0
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            return
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            last_error = exc
            path.unlink(missing_ok=True)
    raise _offline_error(source, target, f"download failed: {_reason(last_error)}", chosen.package_version)


def install_from_file(path: Path, source: str | None = None, target: str | None = None) -> InstalledModel:
    """Install a package file; it must be the pair asked for, if one was."""
    import json

    if not path.is_file():
        raise InputNotFoundError("no such package file", path=str(path))
    if not zipfile.is_zipfile(path):
        raise InputDataError("not an Argos package (.argosmodel is a zip archive)", path=str(path))
    with zipfile.ZipFile(path) as archive:
        metadata_names = [n for n in archive.namelist() if n.count("/") == 1 and n.endswith("/metadata.json")]
        if not metadata_names:
            raise InputDataError("not an Argos package: no metadata.json", path=str(path))
        metadata = json.loads(archive.read(metadata_names[0]))
    pair = (metadata.get("from_code"), metadata.get("to_code"))
    if source and target and pair != (source, target):
        raise InputDataError(f"this package translates {pair[0]}->{pair[1]}, not {source}->{target}", path=str(path))
    from argostranslate import package

    package.install_from_path(path)
    installed = [m for m in list_models() if (m.source, m.target) == pair]
    if not installed:
        raise InputDataError("the package did not install", path=str(path))
    return max(installed, key=lambda m: _version_key(m.version))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in str(version).replace("_", ".").split(".") if p.isdigit())


def _reason(exc: Exception | None) -> str:
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return str(exc) if exc else "unknown error"
