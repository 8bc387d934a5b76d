#!/usr/bin/env bash
# Set up everything (Python packages; Debian's chromium, nginx, LibreOffice) and run all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev

# Install Debian packages whose command is missing (sudo when not root). apt-get update runs once.
apt_updated=""
ensure() {  # ensure COMMAND PACKAGE...
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/bin/$1" ] || [ -x "/usr/sbin/$1" ] && return 0
  shift
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  [ -n "$apt_updated" ] || { $sudo apt-get update -qq; apt_updated=1; }
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
ensure chromium chromium                          # browser tests and kaleido chart images
ensure nginx nginx                                # tests/deploy: two replicas behind nginx
ensure libreoffice --no-install-recommends libreoffice-impress           # tests/test_export_pptx.py renders the deck
ensure pdftoppm --no-install-recommends poppler-utils
# Writer renders the Word report (tests/test_export_report_pdf.py); libreoffice-impress lacks it.
if [ ! -e /usr/lib/libreoffice/program/libswlo.so ]; then
  ensure writer-is-missing --no-install-recommends libreoffice-writer
fi

if [ "$#" -gt 0 ]; then  # a chosen part of the suite: one pytest, as asked
  exec .venv/bin/python -m pytest "$@"
fi

# The whole suite in two halves at once: the tests that drive servers and browsers spend most
# of their time waiting on them, the others are one busy Python process; together they use
# both cores (CI: ~15 → ~10 min). Each half reports on its own; the run fails if either does.
BROWSER_HALF=(tests/browser tests/deploy tests/test_benchmarks.py)
other_log="$(mktemp -t parviz-tests-XXXXXX.log)"
trap 'rm -f "$other_log"' EXIT
ignored=()
for path in "${BROWSER_HALF[@]}"; do ignored+=(--ignore "$path"); done
.venv/bin/python -m pytest -p no:cacheprovider "${ignored[@]}" >"$other_log" 2>&1 &
other=$!
status=0
.venv/bin/python -m pytest -p no:cacheprovider "${BROWSER_HALF[@]}" || status=$?
other_status=0
wait "$other" || other_status=$?
echo "== the other tests (everything but ${BROWSER_HALF[*]}) =="
cat "$other_log"
if [ "$status" -ne 0 ] || [ "$other_status" -ne 0 ]; then
  echo "FAILED: browser half exit $status, other half exit $other_status" >&2
  exit 1
fi
