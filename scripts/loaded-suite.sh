#!/usr/bin/env bash
# Runs the README's test command N times (default 3) while the machine is loaded: two processes
# burning a CPU each, plus a second hub (`npm start` on other ports, its own data directory).
# Prints one line per run (exit code, wall time, the suite's closing line) and leaves the logs
# in a temporary directory. Evidence for the "suite that does not flake" work (docs/testing.md).
#   scripts/loaded-suite.sh [runs]
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
logs=$(mktemp -d -t rb-loaded-XXXXXX)
data=$(mktemp -d -t rb-loaded-data-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null; done
  rm -rf "$data"
}
trap cleanup EXIT

for _ in 1 2; do
  setsid node -e 'for (;;) {}' & pids+=($!)
done
PORT=3300 DYNAMODB_PORT=8300 SQS_PORT=9624 RECEIVER_PORT=4300 setsid npm start -- --data-dir "$data" >"$logs/second-hub.log" 2>&1 & pids+=($!)
for _ in $(seq 1 180); do
  curl -fs http://127.0.0.1:3300/__local/clock >/dev/null 2>&1 && break
  sleep 1
done
curl -fs http://127.0.0.1:3300/__local/clock >/dev/null 2>&1 && echo "second hub up on :3300" || echo "second hub not answering (see $logs/second-hub.log); load is the two burners only"

for run in $(seq 1 "$runs"); do
  start=$(date +%s)
  npm test >"$logs/run-$run.log" 2>&1
  rc=$?
  end=$(date +%s)
  echo "run $run: rc=$rc, $((end - start)) s, $(grep -E '^Tests: ' "$logs/run-$run.log" | tail -1)"
done
echo "logs: $logs"
