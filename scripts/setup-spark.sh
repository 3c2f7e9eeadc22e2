#!/usr/bin/env bash
# Installs the local Apache Spark 4 + Delta Lake that synthgraph's tests and `--target spark`
# use (see docs/spark-local.md). Idempotent and cached: a second run only checks a stamp file.
#
#   bash scripts/setup-spark.sh            # install or verify (fast when already set up)
#   bash scripts/setup-spark.sh --force    # reinstall the packages and rebuild the caches
#   bash scripts/setup-spark.sh --check    # exit 0 when set up, 1 otherwise; changes nothing
#
# Environment:
#   SYNTHGRAPH_SPARK_HOME  cache directory (default: $HOME/.cache/synthgraph/spark)
#   PYTHON                 Python >= 3.9 used to create the venv (default: python3)
#   PIP_INDEX_URL etc.     honoured by pip as usual
#
# Layout of the cache directory:
#   venv/             Python venv with the pinned pyspark and delta-spark
#   ivy/              Ivy cache (spark.jars.ivy) holding the Delta jars from Maven Central
#   delta-jars.txt    local paths of those jars; sessions pass them as spark.jars (no network)
#   spark-cds.jsa     JVM class-data-sharing archive of Spark's classes (halves start-up CPU)
#   setup.stamp       what was installed; a matching stamp makes this script a no-op
set -euo pipefail

# Pinned versions. delta-spark 4.0.x is built against Apache Spark 4.0.x (its Maven POM names
# spark-sql_2.13 4.0.1) and loads io.delta:delta-spark_2.13; delta-spark 4.1+ targets newer
# Spark lines with differently named artifacts. Change both together.
PYSPARK_VERSION="4.0.1"
DELTA_VERSION="4.0.1"
PINNED_PACKAGES=(
  "pyspark==${PYSPARK_VERSION}"
  "delta-spark==${DELTA_VERSION}"
  "py4j==0.10.9.9"
  "importlib-metadata==8.7.0"
  "zipp==4.1.2"
)
MIN_JAVA=17
WARMUP_TIMEOUT_SECONDS=1200

SPARK_HOME_DIR="${SYNTHGRAPH_SPARK_HOME:-${HOME}/.cache/synthgraph/spark}"
VENV="${SPARK_HOME_DIR}/venv"
VENV_PY="${VENV}/bin/python"
IVY_DIR="${SPARK_HOME_DIR}/ivy"
JARS_FILE="${SPARK_HOME_DIR}/delta-jars.txt"
CDS_ARCHIVE="${SPARK_HOME_DIR}/spark-cds.jsa"
STAMP="${SPARK_HOME_DIR}/setup.stamp"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNNER="${REPO_ROOT}/packages/databricks/python/spark_runner.py"
PYTHON_BIN="${PYTHON:-python3}"

FORCE=0
CHECK_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    --check) CHECK_ONLY=1 ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup-spark: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

STEP="starting"
WORK_DIR=""
log() { printf 'setup-spark: %s\n' "$*"; }
fail() {
  printf '\nsetup-spark: FAILED while %s.\n' "$STEP" >&2
  [ $# -gt 0 ] && printf 'setup-spark: %s\n' "$*" >&2
  exit 1
}
on_error() {
  local code=$?
  printf '\nsetup-spark: FAILED while %s (exit code %s).\n' "$STEP" "$code" >&2
  if [ -n "$WORK_DIR" ] && [ -s "$WORK_DIR/runner.log" ]; then
    printf 'setup-spark: last lines of the Spark log (%s):\n' "$WORK_DIR/runner.log" >&2
    tail -n 25 "$WORK_DIR/runner.log" >&2 || true
  fi
  printf 'setup-spark: fix the problem above and run `bash scripts/setup-spark.sh` again.\n' >&2
  exit 1
}
trap on_error ERR
cleanup() { if [ -n "$WORK_DIR" ] && [ -z "${KEEP_WORK_DIR:-}" ]; then rm -rf "$WORK_DIR"; fi; }
trap cleanup EXIT

# --- Prerequisites -------------------------------------------------------------------------
STEP="checking Java (Apache Spark 4 needs Java ${MIN_JAVA} or 21)"
command -v java >/dev/null 2>&1 || fail "no 'java' on PATH: install a JDK ${MIN_JAVA}+ (e.g. apt-get install openjdk-17-jdk-headless)."
JAVA_VERSION_LINE="$(java -version 2>&1 | head -n 1)"
JAVA_VERSION="$(printf '%s' "$JAVA_VERSION_LINE" | sed -E 's/^[^"]*"([^"]+)".*$/\1/')"
JAVA_MAJOR="${JAVA_VERSION%%.*}"
[ "$JAVA_MAJOR" = "1" ] && JAVA_MAJOR="$(printf '%s' "$JAVA_VERSION" | cut -d. -f2)"
case "$JAVA_MAJOR" in ''|*[!0-9]*) fail "cannot read the Java version from: $JAVA_VERSION_LINE" ;; esac
[ "$JAVA_MAJOR" -ge "$MIN_JAVA" ] || fail "found Java $JAVA_VERSION; Apache Spark 4 needs Java ${MIN_JAVA}+."

STEP="checking the runner script"
[ -f "$RUNNER" ] || fail "missing $RUNNER (run this script from a synthgraph checkout)."

STAMP_CONTENT="pyspark=${PYSPARK_VERSION} delta-spark=${DELTA_VERSION} java=${JAVA_VERSION} packages=${PINNED_PACKAGES[*]}"

is_set_up() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_CONTENT" ] && [ -x "$VENV_PY" ] && [ -s "$JARS_FILE" ] || return 1
  while IFS= read -r jar; do [ -z "$jar" ] || [ -f "$jar" ] || return 1; done < "$JARS_FILE"
  "$VENV_PY" -c 'import pyspark, delta' >/dev/null 2>&1
}

if [ "$CHECK_ONLY" = 1 ]; then
  if is_set_up; then log "ready in ${SPARK_HOME_DIR} (${STAMP_CONTENT%% java=*})"; exit 0; fi
  log "not set up in ${SPARK_HOME_DIR}: run \`bash scripts/setup-spark.sh\`"; exit 1
fi

if [ "$FORCE" = 0 ] && is_set_up; then
  log "already set up in ${SPARK_HOME_DIR} (pyspark ${PYSPARK_VERSION}, delta-spark ${DELTA_VERSION}, Java ${JAVA_VERSION}); nothing to do."
  log "use --force to reinstall."
  exit 0
fi

mkdir -p "$SPARK_HOME_DIR"
# One installer at a time (parallel CI jobs, two terminals); the second one then finds it done.
if command -v flock >/dev/null 2>&1; then
  exec 9>"${SPARK_HOME_DIR}/.setup.lock"
  if ! flock -n 9; then
    log "another setup is running in ${SPARK_HOME_DIR}; waiting for it"
    flock 9
  fi
  if [ "$FORCE" = 0 ] && is_set_up; then
    log "set up by the other run in ${SPARK_HOME_DIR}; nothing to do."
    exit 0
  fi
fi

START_SECONDS=$SECONDS
log "installing Apache Spark ${PYSPARK_VERSION} + Delta Lake ${DELTA_VERSION} into ${SPARK_HOME_DIR}"
rm -f "$STAMP"

STEP="checking Python (pyspark ${PYSPARK_VERSION} needs Python 3.9+)"
command -v "$PYTHON_BIN" >/dev/null 2>&1 || fail "no '$PYTHON_BIN' on PATH: install Python 3.9+ or set PYTHON=/path/to/python3."
"$PYTHON_BIN" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
  || fail "$("$PYTHON_BIN" --version 2>&1) is too old: pyspark ${PYSPARK_VERSION} needs Python 3.9+."
"$PYTHON_BIN" -c 'import venv, ensurepip' >/dev/null 2>&1 \
  || fail "$PYTHON_BIN cannot create virtual environments: install the venv module (e.g. apt-get install python3-venv)."

# --- Python packages -----------------------------------------------------------------------
STEP="creating the Python venv at $VENV"
if [ "$FORCE" = 1 ] || ! "$VENV_PY" -c 'import sys' >/dev/null 2>&1; then
  rm -rf "$VENV"
  log "creating venv with $("$PYTHON_BIN" --version 2>&1) at $VENV"
  "$PYTHON_BIN" -m venv "$VENV"
else
  log "reusing venv at $VENV"
fi

STEP="installing ${PINNED_PACKAGES[*]} from PyPI (pyspark is a ~430 MB download)"
log "pip install ${PINNED_PACKAGES[*]}"
"$VENV_PY" -m pip install --disable-pip-version-check --no-input --quiet "${PINNED_PACKAGES[@]}"
INSTALLED="$("$VENV_PY" -c 'import pyspark; from importlib.metadata import version; print(pyspark.__version__, version("delta-spark"))')"
[ "$INSTALLED" = "${PYSPARK_VERSION} ${DELTA_VERSION}" ] \
  || fail "the venv holds pyspark/delta-spark '$INSTALLED', expected '${PYSPARK_VERSION} ${DELTA_VERSION}'."

# --- Delta jars, class-data-sharing archive, smoke test ------------------------------------
STEP="starting Spark once to fetch the Delta jars from Maven Central into $IVY_DIR"
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/synthgraph-spark-setup.XXXXXX")"
log "starting one Spark session: fetches io.delta:delta-spark_2.13:${DELTA_VERSION} into $IVY_DIR,"
log "records the jar paths in $JARS_FILE, builds the JVM class archive $CDS_ARCHIVE"
log "and runs a Delta smoke test (a few minutes on a small machine; log: $WORK_DIR/runner.log)"
rm -f "$JARS_FILE" "$CDS_ARCHIVE"
cat > "$WORK_DIR/requests.jsonl" <<'EOF'
{"id": 1, "op": "sql", "sql": "CREATE OR REPLACE TABLE setup_smoke USING DELTA AS SELECT id, id * 2 AS x FROM range(0, 1000, 1, 2)", "collect": false}
{"id": 2, "op": "sql", "sql": "SELECT count(*) AS n, sum(x) AS s FROM setup_smoke"}
{"id": 3, "op": "explain", "sql": "SELECT id % 7 AS k, count(*) AS n FROM setup_smoke GROUP BY id % 7"}
{"id": 4, "op": "sql", "sql": "SELECT ((id ^ shiftright(id, 16)) * 2146121005) & 4294967295 AS h FROM range(0, 10) ORDER BY id"}
{"id": 5, "op": "shutdown"}
EOF
timeout "$WARMUP_TIMEOUT_SECONDS" "$VENV_PY" "$RUNNER" \
  --warehouse "$WORK_DIR/warehouse" \
  --catalog hive \
  --ivy-dir "$IVY_DIR" \
  --jars-file "$JARS_FILE" \
  --resolve-packages \
  --cds-archive "$CDS_ARCHIVE" --cds-dump \
  < "$WORK_DIR/requests.jsonl" > "$WORK_DIR/responses.jsonl" 2> "$WORK_DIR/runner.log"

STEP="checking the smoke test answers"
"$VENV_PY" - "$WORK_DIR/responses.jsonl" <<'EOF'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
ready = [l for l in lines if l.get("op") == "ready"]
if not ready:
    sys.exit("the runner never reported ready")
by_id = {l.get("id"): l for l in lines if "id" in l}
for i in (1, 2, 3, 4):
    r = by_id.get(i)
    if not r or not r.get("ok"):
        sys.exit(f"request {i} failed: {json.dumps(r)[:2000]}")
if by_id[2]["rows"] != [["1000", "999000"]]:
    sys.exit(f"unexpected Delta smoke result {by_id[2]['rows']}")
print(f"setup-spark: smoke test passed on Spark {ready[0]['sparkVersion']} with Delta {ready[0]['deltaVersion']}")
EOF
[ -s "$JARS_FILE" ] || fail "the runner did not record the Delta jars in $JARS_FILE."
[ -s "$CDS_ARCHIVE" ] || log "note: the JVM did not write a class-data-sharing archive; sessions start without it."

printf '%s\n' "$STAMP_CONTENT" > "$STAMP"
log "cached jars: $(tr '\n' ' ' < "$JARS_FILE")"
log "done in $((SECONDS - START_SECONDS)) s. Sessions now start without network access."
