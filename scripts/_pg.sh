# A throwaway PostgreSQL cluster for the tests (tests/pg/): created with initdb, started with pg_ctl on
# 127.0.0.1 and a free port, its URL exported as SEANCE_DESK_TEST_PG, stopped and deleted at exit.
# Sourced by test.sh, not executed. PostgreSQL refuses to run as root: as root, the cluster belongs to
# the `postgres` user (created by Debian's package). Nothing here touches a cluster the machine already has.

# Debian installs the server's programs out of PATH (/usr/lib/postgresql/<version>/bin).
pg_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return 0
    fi
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
    return 1
}

# As root, the server's programs run as `postgres`; otherwise as the user running the tests.
_pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        su postgres -s /bin/sh -c "$*"
    else
        sh -c "$*"
    fi
}

_pg_free_port() {
    "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

stop_test_pg() {
    if [ -n "${_PG_ROOT:-}" ] && [ -d "$_PG_ROOT" ]; then
        [ -d "$_PG_ROOT/data" ] && { _pg_as_owner "'$_PG_BIN/pg_ctl' -D '$_PG_ROOT/data' -m immediate -w stop" >/dev/null 2>&1 || true; }
        rm -rf "$_PG_ROOT"
    fi
    _PG_ROOT=""
}

# Sets SEANCE_DESK_TEST_PG, unless it is set already (a server of the developer's own). Installs the
# Debian package `postgresql` when root with apt, as for poppler-utils. Never fails the script: if no
# server can be started, the PostgreSQL tests say why (and fail under CI=true).
start_test_pg() {
    [ -n "${SEANCE_DESK_TEST_PG:-}" ] && return 0
    if ! pg_bindir >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installation de PostgreSQL (paquet postgresql) pour les tests du mode partagé…"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 \
            || echo "PostgreSQL n'a pas pu être installé : les tests qui en ont besoin le diront." >&2
    fi
    _PG_BIN="$(pg_bindir)" || { echo "PostgreSQL (initdb) introuvable : les tests du mode partagé le diront." >&2; return 0; }
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "Utilisateur « postgres » absent (PostgreSQL refuse de tourner en root) : les tests du mode partagé le diront." >&2
        return 0
    fi
    _PG_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/seance-desk-pg.XXXXXX")"
    trap stop_test_pg EXIT
    [ "$(id -u)" = 0 ] && chown postgres "$_PG_ROOT"
    local port
    port="$(_pg_free_port)"
    # trust on 127.0.0.1 only: a throwaway cluster. Its socket in its own folder, not /var/run.
    if _pg_as_owner "'$_PG_BIN/initdb' -D '$_PG_ROOT/data' -U seance -A trust -E UTF8 --no-locale" >/dev/null 2>&1 \
        && _pg_as_owner "'$_PG_BIN/pg_ctl' -D '$_PG_ROOT/data' -l '$_PG_ROOT/server.log' -w -t 60 -o \"-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$_PG_ROOT' -c max_connections=200\" start" >/dev/null 2>&1; then
        export SEANCE_DESK_TEST_PG="postgresql+psycopg://seance@127.0.0.1:$port/postgres"
        # For the tests that restart the server (tests/pg/test_faults.py).
        export SEANCE_DESK_TEST_PG_BIN="$_PG_BIN" SEANCE_DESK_TEST_PG_DATA="$_PG_ROOT/data"
        echo "PostgreSQL de test démarré sur 127.0.0.1:$port."
    else
        echo "Le serveur PostgreSQL de test n'a pas démarré : les tests du mode partagé le diront." >&2
        [ -f "$_PG_ROOT/server.log" ] && tail -5 "$_PG_ROOT/server.log" >&2
    fi
}
