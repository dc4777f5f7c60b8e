#!/usr/bin/env bash
# The bridge against the host and against Wine, in whole processes (bench/HostBench times its own calls against
# .NET doing the same work, in one process):
#   1. rewritten on Linux            kernel32 and libc go to ApiBridge's shims on a Linux host
#   2. unmodified under Wine         kernel32 is Wine's: the reference a Windows guest has today
#   3. rewritten under Wine          libc goes to ApiBridge's shims on a Windows host (Wine)
# and prints, for the kernel32 and registry rows, how much faster the rewritten guest on Linux is than the same guest
# under Wine.
# Needs Wine (apt-get install -y wine64). Usage: bench/host-bench.sh [iterations]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
iterations=${1:-20000}
wine=${APIBRIDGE_WINE:-/usr/lib/wine/wine64}
work=$(mktemp -d /tmp/apibridge-hostbench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export APIBRIDGE_PREFIX="$work/prefix" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 WINEDEBUG=-all WINEPREFIX=${WINEPREFIX:-/tmp/apibridge-wine-prefix-$(id -un)}

quietly() { "$@" >"$work/step.log" 2>&1 || { cat "$work/step.log" >&2; exit 1; }; }
quietly dotnet build -c Release src/ApiBridge.Cli -nologo
apibridge() { dotnet src/ApiBridge.Cli/bin/Release/net10.0/apibridge.dll "$@"; }
quietly dotnet build -c Release bench/HostBench -nologo
quietly dotnet publish -c Release -r win-x64 --self-contained -p:PublishSingleFile=false bench/HostBench -o "$work/win" -nologo

# The kernel32/libc rows compare each platform call with .NET doing the same work on the host, so their rewrites keep
# the host's BCL (--no-managed-view); the managed rows are the managed view itself, in a rewrite of their own.
apibridge rewrite bench/HostBench/bin/Release/net10.0 -o "$work/linux" --quiet --no-managed-view
apibridge rewrite "$work/win" -o "$work/win-rewritten" --quiet --no-managed-view
apibridge rewrite bench/HostBench/bin/Release/net10.0 -o "$work/linux-managed" --quiet --guest-platform windows

echo "## 1. rewritten on Linux"
dotnet "$work/linux/HostBench.dll" --iterations "$iterations" | tee "$work/linux.txt"
echo
echo "## 2. unmodified under Wine"
"$wine" "$work/win/HostBench.exe" --iterations "$iterations" | tr -d '\r' | tee "$work/wine.txt"
echo
echo "## 3. rewritten under Wine"
"$wine" "$work/win-rewritten/HostBench.exe" --iterations "$iterations" | tr -d '\r' | tee "$work/wine-rewritten.txt"
echo
echo "## 4. the managed view: System.IO, Path, Environment on Windows paths, unmodified under Wine and rewritten on Linux"
"$wine" "$work/win/HostBench.exe" --iterations "$iterations" --only managed | tr -d '\r' | tee "$work/wine-managed.txt"
dotnet "$work/linux-managed/HostBench.dll" --iterations "$iterations" --only managed | tee "$work/linux-managed.txt"
echo
echo "## managed BCL calls: unmodified under Wine / rewritten on Linux (higher is better for the bridge)"
join -t'|' -j1 \
  <(awk -F'|' '$2 ~ /managed/ {gsub(/^ +| +$/, "", $3); print $3 "|" $5}' "$work/wine-managed.txt" | sort) \
  <(awk -F'|' '$2 ~ /managed/ {gsub(/^ +| +$/, "", $3); print $3 "|" $5}' "$work/linux-managed.txt" | sort) |
  awk -F'|' '{ printf "%-36s %10.1f ns under Wine %10.1f ns bridged  %6.2fx\n", $1, $2, $3, $2 / $3 }'
echo
echo "## kernel32 and registry guest calls: unmodified under Wine / rewritten on Linux (higher is better for the bridge)"
join -t'|' -j1 \
  <(awk -F'|' '$2 ~ /kernel32|registry/ {gsub(/^ +| +$/, "", $3); print $3 "|" $5}' "$work/wine.txt" | sort) \
  <(awk -F'|' '$2 ~ /kernel32|registry/ {gsub(/^ +| +$/, "", $3); print $3 "|" $5}' "$work/linux.txt" | sort) |
  awk -F'|' '{ w += $2; l += $3; printf "%-36s %10.1f ns under Wine %10.1f ns bridged  %6.2fx\n", $1, $2, $3, $2 / $3 }
             END { printf "%-36s %10.1f ns under Wine %10.1f ns bridged  %6.2fx\n", "all (sum of one call each)", w, l, w / l }'
