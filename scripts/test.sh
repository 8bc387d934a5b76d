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

# The whole suite: two halves at once, then the deployment tests alone. The tests that drive
# servers and browsers spend most of their time waiting on them, the others are one busy
# Python process; together they use both cores (CI: ~15 → ~10 min). The deployment tests are
# a hall of ten browsers on two replicas behind nginx, a load test: they get the machine to
# themselves (beside the other half, one run saw a replica left out). Each part reports on its
# own; the run fails if any does.
BROWSER_HALF=(tests/browser tests/test_benchmarks.py)
ALONE=(tests/deploy)
other_log="$(mktemp -t parviz-tests-XXXXXX.log)"
trap 'rm -f "$other_log"' EXIT
ignored=()
for path in "${BROWSER_HALF[@]}" "${ALONE[@]}"; do ignored+=(--ignore "$path"); done
.venv/bin/python -m pytest -p no:cacheprovider "${ignored[@]}" >"$other_log" 2>&1 &
other=$!
browser_status=0
.venv/bin/python -m pytest -p no:cacheprovider "${BROWSER_HALF[@]}" || browser_status=$?
other_status=0
wait "$other" || other_status=$?
echo "== the other tests (all but ${BROWSER_HALF[*]} ${ALONE[*]}) =="
cat "$other_log"
echo "== alone: ${ALONE[*]} =="
alone_status=0
.venv/bin/python -m pytest -p no:cacheprovider "${ALONE[@]}" || alone_status=$?
if [ "$browser_status" -ne 0 ] || [ "$other_status" -ne 0 ] || [ "$alone_status" -ne 0 ]; then
  echo "FAILED: exit $browser_status (browser half), $other_status (other half)," \
    "$alone_status (${ALONE[*]})" >&2
  exit 1
fi
