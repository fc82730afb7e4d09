#!/usr/bin/env bash
# Installs Séance Desk with its test tools in a local virtualenv and runs the whole test suite, headless.
source "$(dirname "$0")/_env.sh"
ensure_venv "[test]"
# The PDF tests turn pages into pictures with poppler's pdftoppm, as a secrétaire's viewer would;
# a fresh Debian machine lacks it. Installed here when we may (root with apt), else the test says so.
if ! command -v pdftoppm >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installation de poppler-utils (pdftoppm) pour les tests des PDF…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) >/dev/null 2>&1 \
        || echo "poppler-utils n'a pas pu être installé : le test qui en a besoin le dira." >&2
fi
# The packaging tests (tests/packaging) compile the Windows installer's script with makensis (nsis) and
# build the PyInstaller bundle, which needs objdump (binutils) on Linux, and validate the .deb's menu entry
# (desktop-file-utils): installed here likewise.
missing_packaging_tools=()
command -v makensis >/dev/null 2>&1 || missing_packaging_tools+=(nsis)
command -v objdump >/dev/null 2>&1 || missing_packaging_tools+=(binutils)
command -v desktop-file-validate >/dev/null 2>&1 || missing_packaging_tools+=(desktop-file-utils)
if [ "${#missing_packaging_tools[@]}" -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installation de ${missing_packaging_tools[*]} pour les tests d'empaquetage…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_packaging_tools[@]}") >/dev/null 2>&1 \
        || echo "${missing_packaging_tools[*]} n'a pas pu être installé : les tests d'empaquetage le diront." >&2
fi
# The shared mode's tests (tests/pg/) need a PostgreSQL server: a throwaway one, stopped at exit.
source "$ROOT/scripts/_pg.sh"
start_test_pg
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
cd "$ROOT"
# Not exec: the EXIT trap must stop the server after the tests.
"$VENV/bin/python" -m pytest "$@"
