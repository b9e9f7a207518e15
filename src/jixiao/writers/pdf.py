"""The official table as a print-ready PDF (WeasyPrint; the Noto CJK fonts are embedded).

A4 landscape, one form per page run, long texts wrapped, the indicator header repeated on
every page the indicators run over; optionally each form's findings on a page after it.
``write_pdf(results, path, profile)`` writes atomically; ``pdf_bytes`` returns the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jixiao.pipeline import Result
from jixiao.profiles import Profile
from jixiao.writers import html
from jixiao.writers.output import check_results, check_target, profile_of, write_bytes
from jixiao.writers.table import form_table


def pdf_bytes(
    results: Sequence[Result],
    profile: Profile | str,
    recomputed: bool = False,
    findings: bool = False,
) -> bytes:
    """The forms as one PDF document."""
    import weasyprint  # type: ignore[import-untyped]

    check_results(results)
    prof = profile_of(profile)
    tables = [form_table(r, prof, recomputed=recomputed) for r in results]
    notes = [r.findings for r in results] if findings else None
    page = html.document(tables, notes)
    data: bytes = weasyprint.HTML(string=page).write_pdf()
    return data


def write_pdf(
    results: Sequence[Result],
    path: str | Path,
    profile: Profile | str,
    recomputed: bool = False,
    findings: bool = False,
) -> None:
    """Write the forms as one PDF at ``path`` (atomically: all or nothing)."""
    check_target(path)
    write_bytes(path, pdf_bytes(results, profile, recomputed=recomputed, findings=findings))
