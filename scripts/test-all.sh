#!/usr/bin/env bash
# Runs every test project of Vigie.slnx against real peers (SQLite, PostgreSQL on loopback) and ends
# with one line that CI reads: "tests: N passed, M failed" (", K skipped" when some were skipped).
# Exits non-zero when a test failed, or when dotnet test itself failed (build error, crashed test host);
# such a failure counts as at least one failed test so the closing line never claims "0 failed".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

results="$root/TestResults"
# Each project writes this file into its own TestResults folder (vstest has no per-project file name
# placeholder, and timestamped names can collide); it is then gathered as TestResults/<Project>.trx.
trx_name="vigie-test-all.trx"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# No MSBuild nodes left running after the tests: CI ends whatever a run leaves behind anyway.
export MSBUILDDISABLENODEREUSE=1

bash scripts/install-deps.sh test
VIGIE_TEST_POSTGRES="$(bash scripts/start-postgres.sh | tail -n 1)"
if [[ ! "$VIGIE_TEST_POSTGRES" =~ ^postgres://[^[:space:]]+$ ]]; then
    echo "test-all: scripts/start-postgres.sh did not print a postgres:// URL; the PostgreSQL tests cannot run" >&2
    exit 1
fi
export VIGIE_TEST_POSTGRES

rm -rf "$results"
mkdir -p "$results"
find . -path ./.git -prune -o -path ./TestResults -prune -o -type f -name "$trx_name" -print0 | xargs -0 rm -f

# Build everything in parallel, then run the test projects one after the other (-m:1): they start real
# peers (GStreamer, ffmpeg, Chromium, the host) whose timing checks should not compete with another
# project's peers for the two cores. Every project is run even when another one fails.
dotnet_status=0
dotnet build Vigie.slnx -c Release || dotnet_status=$?
if ((dotnet_status == 0)); then
    dotnet test Vigie.slnx -c Release --no-build -m:1 --logger "trx;LogFileName=$trx_name" || dotnet_status=$?
fi

while IFS= read -r -d '' trx; do
    project="$(basename "$(dirname "$(dirname "$trx")")")"
    mv "$trx" "$results/$project.trx"
done < <(find . -path ./.git -prune -o -path ./TestResults -prune -o -type f -name "$trx_name" -print0)

python=/usr/bin/python3
[[ -x "$python" ]] || python=python3
shopt -s nullglob
trx_files=("$results"/*.trx)
shopt -u nullglob

passed=0 failed=0 skipped=0
if ((${#trx_files[@]})); then
    read -r passed failed skipped < <("$python" scripts/trx-summary.py "${trx_files[@]}")
else
    echo "test-all: no test results were written" >&2
    failed=1
fi

if ((dotnet_status != 0 && failed == 0)); then
    echo "test-all: dotnet test exited with status $dotnet_status but no test failed: a build error or a crashed test host" >&2
    failed=1
fi

echo "test-all: results in ${results#"$root"/}/: ${trx_files[*]##*/}"
summary="tests: $passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"
((failed == 0))
