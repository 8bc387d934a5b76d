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

exec .venv/bin/python -m pytest "$@"
