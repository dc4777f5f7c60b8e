#!/usr/bin/env bash
# The main job: build ApiBridge and the bundled guest apps, then run each guest under the bridge
# (`apibridge run`), printing what the guest prints. Guests that need arguments or input get a sample.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
quietly() { "$@" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }; }
echo "Building ApiBridge and the guests (a minute or two on a fresh clone)..." >&2
quietly dotnet build -c Release src/ApiBridge.Cli -nologo
apibridge() { dotnet src/ApiBridge.Cli/bin/Release/net10.0/apibridge.dll "$@"; }

status=0
for project in guest-apps/*/*.csproj; do
  name=$(basename "$project" .csproj)
  quietly dotnet build -c Release "$project" -nologo
  guest="guest-apps/$name/bin/Release/net10.0/$name.dll"
  echo "=== $name (apibridge run $guest) ==="
  rc=0
  case "$name" in
    WinTimeGuest) echo "hello from stdin" | apibridge run "$guest" alpha "b c" --stdin --exit 7 || rc=$? ;;
    *) apibridge run "$guest" </dev/null || rc=$? ;;
  esac
  # Exit codes pass through: WinTimeGuest ends with ExitProcess(7) and PosixGuest with exit(3) on purpose.
  case "$name" in WinTimeGuest) expected=7 ;; PosixGuest) expected=3 ;; *) expected=0 ;; esac
  echo "=== $name exited with $rc (expected $expected) ==="
  if [ "$rc" -ne "$expected" ]; then status=1; fi
done
exit $status
