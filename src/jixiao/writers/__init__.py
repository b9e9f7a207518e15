"""Writers: the official table as xlsx (live formulas), PDF and docx; open data (JSON, CSV,
Parquet); the department summary."""
