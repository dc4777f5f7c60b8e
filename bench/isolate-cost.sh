#!/usr/bin/env bash
# What `run --isolate` adds to a cache-hit start: the native launcher starts tests/Fixtures/TinyGuest from a warm cache,
# alternating plain and --isolate runs (so load drifts hit both alike), and prints the min and median of each in ms.
# Usage: bench/isolate-cost.sh [runs per variant, default 20] [apibridge executable, default artifacts/launcher/apibridge]
# Build first: dotnet build tests/Fixtures/TinyGuest; dotnet publish src/ApiBridge.Launcher -c Debug -r linux-x64 -o artifacts/launcher
set -euo pipefail
runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
apibridge=${2:-$root/artifacts/launcher/apibridge}
guest=$root/tests/Fixtures/TinyGuest/bin/Debug/net10.0/TinyGuest.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
common=(run --cache-dir "$work/cache" --prefix "$work/prefix")
"$apibridge" "${common[@]}" "$guest" >/dev/null           # fills the cache (managed CLI)
"$apibridge" "${common[@]}" --isolate "$guest" >/dev/null # untimed warm-up of both variants
ms() { local start end; start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N); echo $(((end - start) / 1000)); }
: >"$work/plain"; : >"$work/isolate"
for _ in $(seq "$runs"); do
  ms "$apibridge" "${common[@]}" "$guest" >>"$work/plain"
  ms "$apibridge" "${common[@]}" --isolate "$guest" >>"$work/isolate"
done
stats() { sort -n "$1" | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "min %.1f ms  median %.1f ms\n", v[1] / 1000, m / 1000 }'; }
echo "plain      $(stats "$work/plain")"
echo "--isolate  $(stats "$work/isolate")"
