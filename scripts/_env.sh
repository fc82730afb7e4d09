# Shared by start.sh and test.sh: find a Python >= 3.12 and (re)build the project's virtualenv.
# Sourced, not executed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${SEANCE_DESK_VENV:-$ROOT/.venv}"

find_python() {
    local candidates=(python3.13 python3.12 python3)
    # pyenv keeps interpreters that its shims do not expose unless selected: look there too.
    for dir in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin; do
        [ -d "$dir" ] && candidates+=("$dir/python3")
    done
    local py
    for py in "${candidates[@]}"; do
        if "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
            command -v "$py" 2>/dev/null || echo "$py"
            return 0
        fi
    done
    echo "Séance Desk demande Python 3.12 ou plus récent, introuvable sur cette machine." >&2
    echo "Installez-le (paquet python3.12 ou https://www.python.org) puis relancez." >&2
    return 1
}

# The install stamp: what the environment was last installed from. pip runs (and needs the package
# index) only when the environment is missing or this changes: the project's dependencies
# (pyproject.toml) or the interpreter. The package itself is installed editable, so a change of the
# code alone needs no reinstall. One stamp file per set of extras ("" for start.sh, "[test]" for
# test.sh): each names what was installed with it.
install_stamp() {
    "$VENV/bin/python" - "$ROOT/pyproject.toml" <<'EOF'
import hashlib, sys
with open(sys.argv[1], "rb") as pyproject:
    digest = hashlib.sha256(pyproject.read())
digest.update(sys.version.encode())
digest.update(sys.executable.encode())
print(digest.hexdigest())
EOF
}

stamp_file() {
    local extras="$1"
    local name="${extras//[^a-z0-9,]/}"
    echo "$VENV/.seance-desk-installed${name:+-$name}"
}

# True if the environment already holds the project installed from today's pyproject.toml with
# `extras`. Any stamped install carries the base dependencies, so start.sh ("") is satisfied by
# test.sh's "[test]" install as well.
is_installed() {
    local extras="$1" stamp file
    stamp="$(install_stamp 2>/dev/null)" || return 1
    if [ -z "$extras" ]; then
        for file in "$VENV"/.seance-desk-installed*; do
            [ -f "$file" ] && [ "$(cat "$file")" = "$stamp" ] && return 0
        done
        return 1
    fi
    file="$(stamp_file "$extras")"
    [ -f "$file" ] && [ "$(cat "$file")" = "$stamp" ]
}

ensure_venv() {
    local extras="$1"
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
        local py
        py="$(find_python)"
        echo "Création de l'environnement Python dans $VENV (avec $py)…"
        rm -rf "$VENV"
        "$py" -m venv "$VENV"
    elif is_installed "$extras"; then
        return 0  # up to date: start at once, no network
    fi
    echo "Installation de Séance Desk et de ses dépendances…"
    # Stale stamps go first: an install interrupted halfway must not be taken for a complete one.
    rm -f "$VENV"/.seance-desk-installed*
    if ! { "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null \
        && "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT$extras"; }; then
        echo "L'installation a échoué (l'index des paquets Python est-il joignable ?). Elle sera retentée au prochain lancement." >&2
        return 1
    fi
    install_stamp >"$(stamp_file "$extras")"
}
