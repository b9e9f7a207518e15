"""Writers: the official table as xlsx (live formulas), PDF and docx; open data (JSON, CSV,
Parquet); the department summary. ``docs/data-dictionary.md`` describes every output.

- ``table``: the official table as a grid of cells (labels, layout, formulas, numbers), the
  one place the xlsx, docx and PDF writers learn it from; ``formulas``: the spreadsheet
  formulas; ``numbers``: what the computed cells hold, from the scoring engine;
- ``xlsx.write_xlsx`` / ``xlsx_bytes``, ``pdf.write_pdf`` / ``pdf_bytes`` (via ``html``),
  ``docx.write_docx`` / ``docx_bytes``: ``(results, path, profile, recomputed=False,
  findings=False)``;
- ``opendata.write_json`` / ``json_bytes``, ``write_csv`` / ``csv_files``, ``write_parquet`` /
  ``parquet_files``; ``summary.write_summary(run, path)`` / ``summary_xlsx`` / ``summary_html``;
- ``output``: atomic writes, ``ExportError``, and ``failures(run)`` (inputs that failed to read).

Modules are imported on demand: ``from jixiao.writers.xlsx import write_xlsx``.
"""
