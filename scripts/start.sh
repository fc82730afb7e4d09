#!/usr/bin/env bash
# Installs Séance Desk in a local virtualenv and starts it (the last session, or a demo session on first start).
source "$(dirname "$0")/_env.sh"
ensure_venv ""
exec "$VENV/bin/seance-desk" "$@"
