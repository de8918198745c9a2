"""What ``bilingual engines`` reports: each engine, its pairs, versions and
whether it can run here."""

from __future__ import annotations

import shutil

from bilingual.mt.apertium import INSTALL_HINT, apertium_available, package_version


def engine_rows() -> list[str]:
    rows = []
    pairs = [("en", "es"), ("es", "en")]
    apertium_pairs = [f"{s}->{t}" for s, t in pairs if apertium_available(s, t)]
    if apertium_pairs:
        rows.append(f"apertium  available  apertium-eng-spa {package_version()}  pairs: {', '.join(apertium_pairs)}")
    elif shutil.which("apertium"):
        rows.append(f"apertium  missing pair  {INSTALL_HINT}")
    else:
        rows.append(f"apertium  not installed  {INSTALL_HINT}")
    rows.append(_argos_row(pairs))
    rows.append("fake      available  deterministic pseudo-translation for tests")
    return rows


def _argos_row(pairs: list[tuple[str, str]]) -> str:
    try:
        from bilingual.mt.argos import installed_packages

        packages = installed_packages()
    except (ImportError, OSError) as exc:
        return f"argos     unavailable  ({exc})"
    found = [p for p in packages if (p.from_code, p.to_code) in pairs]
    if not found:
        return "argos     no packages  install with: bilingual models install en es --both"
    listed = ", ".join(f"{p.from_code}->{p.to_code} {p.package_version}" for p in found)
    return f"argos     available  {listed}"
