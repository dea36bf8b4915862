#!/usr/bin/env bash
# Install what Lectra needs and is missing: uv, the locked Python deps, ffmpeg, espeak-ng, fonts
# (and fontconfig, which finds a template's faces).
# With --test, also LibreOffice (and bubblewrap, its sandbox) and poppler, which the tests use to render the PPTX as a person sees it,
# and PostgreSQL 15, which the deployment tests start to run a Prefect server on.
# Prints one line naming anything it cannot install.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(ffmpeg espeak-ng fontconfig fonts-liberation2 fonts-noto-cjk fonts-noto-core fonts-crosextra-carlito fonts-crosextra-caladea)
missing=()
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || missing+=(ffmpeg)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
[ -e /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || missing+=(fonts-liberation2)
ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
ls /usr/share/fonts/truetype/noto/NotoSansDevanagari-Bold.ttf >/dev/null 2>&1 || missing+=(fonts-noto-core)
command -v fc-match >/dev/null || missing+=(fontconfig)
# metric twins of Calibri and Cambria: a template's text is fitted with the widths it will have
[ -e /usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf ] || missing+=(fonts-crosextra-carlito)
[ -e /usr/share/fonts/truetype/crosextra/Caladea-Regular.ttf ] || missing+=(fonts-crosextra-caladea)
if [ "${1:-}" = "--test" ]; then
  APT_PACKAGES+=(libreoffice-impress bubblewrap poppler-utils postgresql-15)
  command -v soffice >/dev/null || missing+=(libreoffice-impress)
  # LibreOffice draws templates inside bubblewrap: no network, no files but its own
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
  [ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
fi

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  if command -v apt-get >/dev/null && { [ -z "$SUDO" ] || $SUDO true 2>/dev/null; }; then
    echo "setup: installing ${missing[*]} with apt-get" >&2
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: cannot install system packages here; please install: ${missing[*]} (Debian/Ubuntu: apt-get install ${APT_PACKAGES[*]})" >&2
    exit 1
  fi
fi

PY="${PYTHON:-python3}"
if ! command -v uv >/dev/null && ! "$PY" -m uv --version >/dev/null 2>&1; then
  echo "setup: installing uv with pip" >&2
  # a plain install puts uv beside pip's other scripts, on PATH; --user is the fallback
  "$PY" -m pip install --quiet uv 2>/dev/null || "$PY" -m pip install --quiet --user uv \
    || { echo "setup: cannot install uv; please install it: python3 -m pip install uv" >&2; exit 1; }
  hash -r
  command -v uv >/dev/null \
    || echo "setup: uv is installed but not on PATH; use 'python3 -m uv' or .venv/bin/python" >&2
fi
UV="uv"
command -v uv >/dev/null || UV="$PY -m uv"
# bytecode compiled once here: with PYTHONDONTWRITEBYTECODE set, importing prefect from source
# took 4 s a process instead of 2
$UV sync --frozen --quiet --compile-bytecode
