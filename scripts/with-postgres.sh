#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster: `scripts/with-postgres.sh CMD [ARGS...]`.
# Starts Debian's PostgreSQL (initdb in a temp folder, loopback only, trust auth), exports
# REHEARSE_TEST_POSTGRES_URL for the command, and always stops and removes the cluster afterwards.
# As root the server runs as the `postgres` user (PostgreSQL refuses root). Without the
# binaries, or when REHEARSE_TEST_POSTGRES_URL is already set, the command just runs.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
if [ -n "${REHEARSE_TEST_POSTGRES_URL:-}" ]; then
  exec "$@"
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "note: PostgreSQL binaries not found (apt-get install postgresql); PostgreSQL tests will be skipped" >&2
  exec "$@"
fi

as_owner=()
if [ "$(id -u)" = "0" ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "note: running as root and there is no 'postgres' user to run the server; PostgreSQL tests will be skipped" >&2
    exec "$@"
  fi
  as_owner=(runuser -u postgres --)
fi

# As root the folder must be one the postgres user can reach: /tmp, not root's own TMPDIR.
dir=$(mktemp -d "$([ ${#as_owner[@]} -gt 0 ] && echo /tmp || echo "${TMPDIR:-/tmp}")/rehearse-pg.XXXXXX")
if [ ${#as_owner[@]} -gt 0 ]; then chown postgres "$dir"; fi
chmod 700 "$dir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export REHEARSE_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests at $REHEARSE_TEST_POSTGRES_URL" >&2
status=0
"$@" || status=$?
exit $status
