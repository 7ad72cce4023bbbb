#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster (Debian's packages) for the tests and prints its URL.
# usage: scripts/pg-throwaway.sh <dir> [port]   — stop with: pg_ctl -D <dir>/data stop
set -euo pipefail
dir=${1:?usage: pg-throwaway.sh <dir> [port]}
port=${2:-54329}
# Take the next free port: a developer's own cluster may already hold the default.
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
mkdir -p "$dir"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown -R postgres:postgres "$dir"   # initdb refuses to run as root
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync >"$dir/initdb.log" 2>&1
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres"
