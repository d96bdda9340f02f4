#!/usr/bin/env bash
# A real loopback capture for the benchmark: tcpdump -i any (Linux cooked v2 framing) while
# echo_sessions.py runs short echo sessions, some reset, in a private network namespace (other
# programs use the shared loopback). Needs root and tcpdump.
#   bash scripts/bench/loopback-capture.sh OUT.pcap [SECONDS] [CONNECTIONS]
set -euo pipefail

OUT="$1"
SECONDS_LIMIT="${2:-25}"
CONNECTIONS="${3:-60000}"
PORT=9700
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ -z "${BENCH_NETNS:-}" ]; then
  exec unshare -n env BENCH_NETNS=1 bash "$0" "$@"
fi
ip link set lo up

ERR="$(mktemp)"
# A large buffer (-B, KiB) and no per-packet flush keep the kernel from dropping bursts.
tcpdump -i any -B 131072 -s 0 -Z root -w "$OUT" tcp port "$PORT" 2>"$ERR" &
TCPDUMP=$!
trap 'kill -INT $TCPDUMP 2>/dev/null || true; rm -f "$ERR"' EXIT
for _ in $(seq 1 100); do
  grep -q "listening on" "$ERR" && break
  sleep 0.1
done
# The sessions stop themselves; timeout is the backstop that keeps the run bounded.
timeout "$((${SECONDS_LIMIT%.*} + 15))" python3 "$HERE/echo_sessions.py" --port "$PORT" \
  --seconds "$SECONDS_LIMIT" --connections "$CONNECTIONS"
sleep 0.5
kill -INT "$TCPDUMP"
wait "$TCPDUMP" || true
trap - EXIT
grep -E "captured|dropped" "$ERR" >&2 || true
rm -f "$ERR"
