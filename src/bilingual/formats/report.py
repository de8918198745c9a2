"""report.json: per article status, engine and model, counts, timings and
QA issues; per run totals."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bilingual.content import plain_text
from bilingual.errors import printable
from bilingual.model import Document


@dataclass
class ArticleReport:
    input: str
    status: str  # "ok" | "failed" | "interrupted" (the run was stopped before it was written)
    outputs: dict[str, str] = field(default_factory=dict)
    error: str = ""
    exit_code: int = 0
    document: Document | None = None
    timings: dict[str, float] = field(default_factory=dict)


def article_entry(report: ArticleReport) -> dict[str, Any]:
    entry: dict[str, Any] = {"input": report.input, "status": report.status}
    if report.error:
        entry["error"] = report.error
        entry["exit_code"] = report.exit_code
    doc = report.document
    if doc is not None:
        p = doc.provenance
        segments = doc.segments
        issues = doc.all_issues()
        entry.update(
            {
                "source_lang": doc.source_lang,
                "target_lang": doc.target_lang,
                "title": doc.metadata.title,
                "engine": {"name": p.engine, "version": p.engine_version, "model": p.model},
                "glossary": p.glossary or None,
                "segmenter": p.segmenter,
                "counts": {
                    "units": len(doc.units),
                    "segments": len(segments),
                    "translated": sum(1 for s in segments if s.target is not None),
                    "source_words": sum(len(plain_text(s.source).split()) for s in segments),
                    "target_words": sum(len(plain_text(s.target).split()) for s in segments if s.target),
                    "origins": dict(sorted(Counter(s.origin or "none" for s in segments).items())),
                    "issues": dict(sorted(Counter(i.severity for i in issues).items())),
                    "issues_by_check": dict(sorted(Counter(i.check for i in issues).items())),
                    "glossary_hits": sum(len(s.terms) for s in segments),
                },
                "issues": [
                    {"check": i.check, "severity": i.severity, "segment": i.segment_id, "message": i.message}
                    for i in issues
                ],
            }
        )
    if report.outputs:
        entry["outputs"] = report.outputs
    if report.timings:
        entry["timings_s"] = {k: round(v, 3) for k, v in report.timings.items()}
    return entry


def render_report(reports: list[ArticleReport], run: dict[str, Any]) -> str:
    articles = [article_entry(r) for r in reports]
    totals = Counter(r.status for r in reports)
    data = {
        "tool": "bilingual",
        **run,
        "totals": {
            "articles": len(reports),
            "ok": totals.get("ok", 0),
            "failed": totals.get("failed", 0),
            **({"interrupted": totals["interrupted"]} if totals.get("interrupted") else {}),
            "segments": sum(a.get("counts", {}).get("segments", 0) for a in articles),
            "issues": sum(len(a.get("issues", [])) for a in articles),
        },
        "articles": articles,
    }
    return printable(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
