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

ensure_venv() {
    local extras="$1"
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
        local py
        py="$(find_python)"
        echo "Création de l'environnement Python dans $VENV (avec $py)…"
        rm -rf "$VENV"
        "$py" -m venv "$VENV"
    fi
    echo "Installation de Séance Desk et de ses dépendances…"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT$extras"
}
