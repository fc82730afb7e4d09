#!/usr/bin/env bash
# Installs Séance Desk with its test tools in a local virtualenv and runs the whole test suite, headless.
source "$(dirname "$0")/_env.sh"
ensure_venv "[test]"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
cd "$ROOT"
exec "$VENV/bin/python" -m pytest "$@"
