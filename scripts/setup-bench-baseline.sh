#!/usr/bin/env bash
# Installs the dbldatagen baseline of `pnpm bench` (scripts/bench/requirements-baseline.txt:
# dbldatagen, Faker, pandas, pyarrow) into a cached venv layered on the local Spark venv of
# scripts/setup-spark.sh: the baseline runs on the very same pyspark, Delta jars and JVM, and the
# Spark venv itself is left untouched. Idempotent: a second run only checks a stamp file. Prints
# the venv's python.
#
#   bash scripts/setup-bench-baseline.sh
#
# Environment: SYNTHGRAPH_BENCH_BASELINE (cache directory, default
# $HOME/.cache/synthgraph/bench-baseline), SYNTHGRAPH_SPARK_HOME (as for setup-spark.sh),
# PIP_INDEX_URL etc. as usual.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUIREMENTS="${REPO_ROOT}/scripts/bench/requirements-baseline.txt"
SPARK_HOME_DIR="${SYNTHGRAPH_SPARK_HOME:-${HOME}/.cache/synthgraph/spark}"
SPARK_PY="${SPARK_HOME_DIR}/venv/bin/python"
DIR="${SYNTHGRAPH_BENCH_BASELINE:-${HOME}/.cache/synthgraph/bench-baseline}"
VENV="${DIR}/venv"
STAMP="${DIR}/setup.stamp"

bash "${REPO_ROOT}/scripts/setup-spark.sh" --check >&2 || {
  echo "setup-bench-baseline: the local Spark is not set up: run \`bash scripts/setup-spark.sh\` first" >&2
  exit 1
}
SPARK_SITE="$("${SPARK_PY}" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
WANT="$(grep -v '^#' "${REQUIREMENTS}" | tr '\n' ' ') spark=${SPARK_SITE}"

if [[ -f "${STAMP}" && "$(cat "${STAMP}")" == "${WANT}" && -x "${VENV}/bin/python" ]]; then
  echo "${VENV}/bin/python"
  exit 0
fi
mkdir -p "${DIR}"
rm -rf "${VENV}"
# The same interpreter as the Spark venv, so its site-packages (pyspark, delta-spark) load as is.
"${SPARK_PY}" -c 'import sys; print(sys._base_executable)' >/dev/null
BASE_PY="$("${SPARK_PY}" -c 'import sys; print(sys._base_executable)')"
"${BASE_PY}" -m venv "${VENV}" >&2
SITE="$("${VENV}/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "${SPARK_SITE}" > "${SITE}/synthgraph-spark.pth"
"${VENV}/bin/pip" install --quiet --disable-pip-version-check --no-input -r "${REQUIREMENTS}" >&2
"${VENV}/bin/python" -c 'import dbldatagen, faker, pandas, pyarrow, pyspark, delta' >&2
echo "${WANT}" > "${STAMP}"
echo "${VENV}/bin/python"
