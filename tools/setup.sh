#!/usr/bin/env bash
# Build the project environment when needed: a Python >= 3.11 virtualenv in .venv with the
# pinned packages, plus the Debian libraries WeasyPrint needs for PDF (pango). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

pick_python() {
  for cand in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$cand" ] && command -v "$cand" >/dev/null 2>&1 || continue
    if "$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$cand"; return 0
    fi
  done
  return 1
}

# `setup.sh --browser` (used by `make test`): also headless Chromium and its driver, for the
# tests that open the dashboard and the what-if page in a real browser.
want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

need_debian=()
if [ "$want_browser" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || need_debian+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need_debian+=(chromium-driver)
fi
ldconfig -p 2>/dev/null | grep 'libpango-1.0.so' >/dev/null || need_debian+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -i dejavu >/dev/null || need_debian+=(fonts-dejavu-core)
if [ "${#need_debian[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "==> Memasang paket Debian: ${need_debian[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_debian[@]}" >/dev/null
  else
    echo "PERHATIAN: paket sistem ${need_debian[*]} diperlukan (PDF; Chromium untuk uji)." >&2
    echo "Jalankan sebagai root: sudo apt-get install -y ${need_debian[*]}" >&2
    exit 1
  fi
fi

stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  py=$(pick_python) || { echo "Python 3.11 atau lebih baru tidak ditemukan." >&2; exit 1; }
  echo "==> Membuat lingkungan .venv dengan $($py --version)"
  "$py" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> Memasang dependensi (sekali saja)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
