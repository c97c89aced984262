#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback for the tests and prints a postgres:// URL for a role that may
# create databases. The role's password is random (see below): there is no fixed password.
set -euo pipefail

# Only the URL goes to stdout (callers capture it); whatever the PostgreSQL tools print goes to stderr,
# and the server they start keeps no handle on the caller's pipe.

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
cluster=main
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$version/$cluster"; then
    pg_createcluster "$version" "$cluster" >&2
fi
conf="/etc/postgresql/$version/$cluster/postgresql.conf"
grep -q "^listen_addresses = '127.0.0.1'" "$conf" || echo "listen_addresses = '127.0.0.1'" >> "$conf"
grep -q "^max_connections = 300" "$conf" || echo "max_connections = 300" >> "$conf"
port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $3}')
status=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}')
if [[ "$status" != online* ]]; then
    pg_ctlcluster "$version" "$cluster" start >&2 </dev/null
fi
for _ in $(seq 1 50); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.2
done

# The role's password is random per machine, made on first use and kept in a root-only file, so that
# several test runs or benchmarks can share the server without cutting each other off.
secret=/var/lib/postgresql/vigie_test.password
if [[ ! -s "$secret" ]]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$secret")
fi
password=$(cat "$secret")
runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 -v pw="$password" >/dev/null <<'SQL'
SELECT 'CREATE ROLE vigie_test LOGIN CREATEDB' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vigie_test') \gexec
ALTER ROLE vigie_test PASSWORD :'pw';
SQL
echo "postgres://vigie_test:${password}@127.0.0.1:${port}/postgres"
