#!/usr/bin/env bash
# Installs what is missing, then runs Vigie with its embedded demo (SQLite and local disk in ./data).
# Extra arguments go to `vigie demo` (e.g. --urls http://127.0.0.1:9090 --data /srv/vigie-demo).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" run
cd "$root"
exec ./vigie demo "$@"
