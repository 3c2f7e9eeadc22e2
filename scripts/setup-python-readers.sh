#!/usr/bin/env bash
# Installs the Python readers the scripts-and-notebooks guide uses (pandas with pyarrow, polars,
# DuckDB) into a cached venv, so its test reads a generated Parquet output the way a notebook
# does. Idempotent: a second run only checks a stamp file. Prints the venv's python.
#
#   bash scripts/setup-python-readers.sh
#
# Environment: SYNTHGRAPH_PY_READERS (cache directory, default $HOME/.cache/synthgraph/py-readers),
# PYTHON (Python >= 3.10 used to create the venv, default python3), PIP_INDEX_URL etc. as usual.
set -euo pipefail

PACKAGES=("pandas==3.1.1" "pyarrow==26.0.1" "polars==2.1.0" "duckdb==2.0.1")
DIR="${SYNTHGRAPH_PY_READERS:-${HOME}/.cache/synthgraph/py-readers}"
VENV="${DIR}/venv"
STAMP="${DIR}/setup.stamp"
WANT="${PACKAGES[*]}"

if [[ -f "${STAMP}" && "$(cat "${STAMP}")" == "${WANT}" && -x "${VENV}/bin/python" ]]; then
  echo "${VENV}/bin/python"
  exit 0
fi
mkdir -p "${DIR}"
rm -rf "${VENV}"
"${PYTHON:-python3}" -m venv "${VENV}" >&2
"${VENV}/bin/pip" install --quiet --disable-pip-version-check "${PACKAGES[@]}" >&2
echo "${WANT}" > "${STAMP}"
echo "${VENV}/bin/python"
