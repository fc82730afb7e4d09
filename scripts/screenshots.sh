#!/usr/bin/env bash
# Takes the README's screenshots under a virtual X screen at 1366×768 (needs Debian's xvfb and
# libxcb-cursor0; see the README). Writes docs/screenshots/*.png.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
exec xvfb-run -a -s "-screen 0 1366x768x24" "$ROOT/.venv/bin/python" "$ROOT/scripts/screenshots.py"
