#!/usr/bin/env bash
# Makes sure a headless Chromium is available for the report's browser test
# (packages/cli/src/report/report-chromium.test.ts), the way setup-spark.sh brings the Spark
# runtime. Idempotent: does nothing when a Chromium is already on the PATH or named by
# SYNTHGRAPH_CHROMIUM or CHROME_PATH.
#
#   bash scripts/setup-chromium.sh           # install when missing (apt-get), else verify
#   bash scripts/setup-chromium.sh --check   # exit 0 when present, 1 otherwise; changes nothing
set -euo pipefail

NAMES=(chromium chromium-browser google-chrome google-chrome-stable)

found() {
  local v
  for v in "${SYNTHGRAPH_CHROMIUM:-}" "${CHROME_PATH:-}"; do
    if [[ -n "$v" && -x "$v" ]]; then
      echo "$v"
      return 0
    fi
  done
  local n
  for n in "${NAMES[@]}"; do
    if command -v "$n" >/dev/null 2>&1; then
      command -v "$n"
      return 0
    fi
  done
  return 1
}

if bin="$(found)"; then
  echo "chromium: ${bin}"
  exit 0
fi
if [[ "${1:-}" == "--check" ]]; then
  echo "chromium: not found" >&2
  exit 1
fi

cannot() {
  cat >&2 <<MSG
chromium: not found and could not be installed ($1).
The report's browser test needs a headless Chromium. Install one, then run the tests again:
  Debian/Ubuntu (as root):  apt-get update && apt-get install -y chromium
  elsewhere:                install Chromium or Chrome and put it on the PATH,
                            or set SYNTHGRAPH_CHROMIUM=/path/to/chromium
MSG
  exit 1
}

command -v apt-get >/dev/null 2>&1 || cannot "no apt-get on this machine"
SUDO=()
if [[ "$(id -u)" != "0" ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=(sudo -n); else cannot "apt-get needs root and sudo is not available without a password"; fi
fi
echo "chromium: installing with apt-get (once) …"
"${SUDO[@]}" apt-get update -qq || cannot "apt-get update failed"
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq chromium >/dev/null || cannot "apt-get install chromium failed"
bin="$(found)" || cannot "apt-get installed no chromium binary on the PATH"
echo "chromium: ${bin}"
