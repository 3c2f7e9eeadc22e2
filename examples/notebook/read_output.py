"""Reads a synthgraph Parquet output in pandas, polars and DuckDB (see
docs/guides/scripts-and-notebooks.md). Each table is a folder of part files, and
manifest.json beside them says what was written.

    python read_output.py out
"""
import json
import sys
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl

out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
manifest = json.loads((out / "manifest.json").read_text())

# pandas (pyarrow engine): a table's folder reads as one DataFrame
households = pd.read_parquet(out / "households")
# dtype_backend="pyarrow" keeps DATE and DECIMAL columns typed (the default gives Python objects)
campaigns = pd.read_parquet(out / "campaigns", dtype_backend="pyarrow")

# polars: a glob over the part files
events = pl.read_parquet(out / "content_engagements" / "*.parquet")

# DuckDB: SQL straight over the files, joined across tables
per_state = duckdb.sql(
    f"""
    SELECT h.location_state, count(*) AS individuals
    FROM read_parquet('{out}/individuals/*.parquet') i
    JOIN read_parquet('{out}/households/*.parquet') h USING (household_id)
    GROUP BY 1 ORDER BY 2 DESC, 1
    """
).df()


def reader_types(table: str, column: str) -> dict:
    """How each reader types a column: pandas (default and pyarrow-backed) and polars."""
    folder = out / table
    return {
        "pandas": str(pd.read_parquet(folder, columns=[column])[column].dtype),
        "pandas_pyarrow": str(pd.read_parquet(folder, columns=[column], dtype_backend="pyarrow")[column].dtype),
        "polars": str(pl.read_parquet(folder / "*.parquet", columns=[column]).schema[column]),
    }


types = {c: reader_types(t, c) for t, c in (("campaigns", "budget"), ("campaigns", "start_date"), ("content_engagements", "event_ts"))}

print(
    json.dumps(
        {
            "manifest": {t: manifest["tables"][t]["rows"] for t in ("households", "campaigns", "content_engagements", "individuals")},
            "pandas": {"households": len(households), "campaigns": len(campaigns)},
            "polars": {"content_engagements": events.height},
            "duckdb": {"individuals": int(per_state["individuals"].sum())},
            "types": types,
        }
    )
)
