#!/usr/bin/env bash
# Regenerate the tshark goldens: for every capture under fixtures/ (except fixtures/malformed/),
# a file beside it named "<capture file name>.tshark.tsv": tab-separated, one header line, one
# line per TCP frame, as printed by one pass of tshark with the preferences pinned below.
# See fixtures/GOLDENS.md for the columns, the tshark version and how to compare.
#
#   bash scripts/make-goldens.sh            regenerate all
#   bash scripts/make-goldens.sh --check    regenerate into a temporary place and compare
#   bash scripts/make-goldens.sh --check-dissectors
#                                           the same comparison with every protocol above TCP
#                                           (and every other one not needed to reach TCP)
#                                           disabled: proves no payload dissector changes a column
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
FIXTURES=fixtures

FIELDS=(
  frame.number frame.time_epoch tcp.stream tcp.srcport tcp.dstport
  tcp.seq tcp.ack tcp.seq_raw tcp.ack_raw tcp.len tcp.flags
  tcp.window_size_value tcp.window_size tcp.completeness
  tcp.analysis.retransmission tcp.analysis.fast_retransmission
  tcp.analysis.spurious_retransmission tcp.analysis.out_of_order
  tcp.analysis.lost_segment tcp.analysis.ack_lost_segment
  tcp.analysis.duplicate_ack tcp.analysis.duplicate_ack_num tcp.analysis.duplicate_ack_frame
  tcp.analysis.zero_window tcp.analysis.zero_window_probe tcp.analysis.zero_window_probe_ack
  tcp.analysis.window_full tcp.analysis.window_update
  tcp.analysis.keep_alive tcp.analysis.keep_alive_ack
  tcp.analysis.reused_ports tcp.analysis.initial_rtt tcp.analysis.ack_rtt
)

# Every preference that changes a column above, pinned to tshark 4.0's default except
# desegment_tcp_streams (see fixtures/GOLDENS.md for why each matters).
PREFS=(
  "tcp.analyze_sequence_numbers:TRUE"
  "tcp.relative_sequence_numbers:TRUE"
  "tcp.calculate_timestamps:TRUE"
  "tcp.track_bytes_in_flight:TRUE"
  "tcp.bif_seq_based:FALSE"
  "tcp.desegment_tcp_streams:FALSE"
  "tcp.reassemble_out_of_order:FALSE"
  "tcp.check_checksum:FALSE"
  "tcp.default_window_scaling:Not known"
  "tcp.fastrt_supersedes_ooo:TRUE"
  "tcp.read_seq_as_syn_cookie:FALSE"
  "tcp.try_heuristic_first:FALSE"
  "tcp.no_subdissector_on_error:TRUE"
  "mptcp.analyze_mptcp:TRUE"
  "ip.check_checksum:FALSE"
  "ip.defragment:TRUE"
  "ip.tso_support:TRUE"
  "ipv6.defragment:TRUE"
  "ipv6.tso_support:FALSE"
  "eth.fcs:According to heuristic"
)

command -v tshark >/dev/null || { echo "tshark is not installed" >&2; exit 1; }

# Personal preferences, disabled protocols and heuristics must not leak in: empty config dir.
WIRESHARK_CONFIG_DIR="$(mktemp -d)"
export WIRESHARK_CONFIG_DIR
CHECK_DIR=""
cleanup() { rm -rf "$WIRESHARK_CONFIG_DIR" ${CHECK_DIR:+"$CHECK_DIR"}; }
trap cleanup EXIT

# tshark ignores an -o value it cannot parse (it only rejects unknown names), so prove each pin
# took: write them as a preferences file and read them back.
verify_prefs() {
  local dir pref name value got
  # Inside the empty config dir, so that the cleanup above removes it if tshark fails.
  dir="$WIRESHARK_CONFIG_DIR/pinned"
  mkdir "$dir"
  printf '%s\n' "${PREFS[@]/:/: }" >"$dir/preferences"
  local current
  current="$(WIRESHARK_CONFIG_DIR="$dir" tshark -G currentprefs 2>/dev/null)"
  rm -rf "$dir"
  for pref in "${PREFS[@]}"; do
    name="${pref%%:*}"; value="${pref#*:}"
    got="$(grep -E "^#?${name//./\\.}: " <<<"$current" | head -1 | sed -E 's/^#?[^:]+: //')"
    if [ "${got,,}" != "${value,,}" ]; then
      echo "preference $name: wanted '$value', tshark has '$got'" >&2; exit 1
    fi
  done
}
verify_prefs

TSHARK_ARGS=(-n -Y tcp -T fields -E header=y -E separator=/t -E occurrence=f)
for pref in "${PREFS[@]}"; do TSHARK_ARGS+=(-o "$pref"); done
for field in "${FIELDS[@]}"; do TSHARK_ARGS+=(-e "$field"); done

list_captures() {
  find "$FIXTURES" -path "$FIXTURES/malformed" -prune -o -type f \
    \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.gz' \) -print | sort
}

# One more column from a second, two-pass run: tcp.completeness as it stands at the end of the
# stream (one pass shows only what was seen before each frame; the tool reports the whole stream's,
# docs/tracking.md).
FINAL_ARGS=(-2 -n -Y tcp -T fields -E header=n -E occurrence=f)
for pref in "${PREFS[@]}"; do FINAL_ARGS+=(-o "$pref"); done
FINAL_ARGS+=(-e tcp.completeness)

golden_of() {  # capture -> TSV on stdout
  local err="$WIRESHARK_CONFIG_DIR/stderr" one="$WIRESHARK_CONFIG_DIR/one-pass" final="$WIRESHARK_CONFIG_DIR/final"
  if ! tshark -r "$1" "${TSHARK_ARGS[@]}" >"$one" 2>"$err" || ! tshark -r "$1" "${FINAL_ARGS[@]}" >"$final" 2>>"$err"; then
    echo "tshark failed on $1:" >&2; grep -v '^Running as user' "$err" >&2; return 1
  fi
  paste "$one" <(echo tcp.completeness.final; cat "$final")
}

# The protocols that stay enabled for --check-dissectors: link layers, IP, the tunnels that carry
# it (fixtures/tunnels, fixtures/links), ICMP (whose errors quote TCP headers: loopback/mixed.pcap),
# TCP, and the pseudo protocols tshark needs.
MINIMAL_PROTOCOLS='frame|eth|ethertype|vlan|ieee8021ad|sll|null|raw|ip|ipv6|tcp|data|pkt_comment|_ws\..*'
MINIMAL_PROTOCOLS+='|udp|vxlan|geneve|gre|erspan|mpls|pwethcw|pwethnocw|pwethheuristic|pppoes|ppp|chdlc|juniper|ipoib'
MINIMAL_PROTOCOLS+='|arcnet|wlan|wlan_radio|llc|radiotap|prism|wlancap|icmp|icmpv6'

if [ "${1:-}" = --check-dissectors ]; then
  tshark -G protocols 2>/dev/null | cut -f3 | grep -v -x -E "$MINIMAL_PROTOCOLS" \
    >"$WIRESHARK_CONFIG_DIR/disabled_protos"
  echo "$(wc -l <"$WIRESHARK_CONFIG_DIR/disabled_protos") protocols disabled" >&2
  set -- --check
fi

if [ "${1:-}" = --check ]; then
  CHECK_DIR="$(mktemp -d)"
  status=0
  while IFS= read -r capture; do
    golden_of "$capture" >"$CHECK_DIR/out.tsv"
    if ! cmp -s "$CHECK_DIR/out.tsv" "$capture.tshark.tsv"; then
      echo "differs: $capture.tshark.tsv" >&2; status=1
    fi
  done < <(list_captures)
  [ $status = 0 ] && echo "all $(list_captures | wc -l) goldens match" >&2
  exit $status
fi

# Goldens whose capture is gone.
find "$FIXTURES" -path "$FIXTURES/malformed" -prune -o -type f -name '*.tshark.tsv' -print |
  while IFS= read -r golden; do
    [ -e "${golden%.tshark.tsv}" ] || { echo "removing stale $golden"; rm -f "$golden"; }
  done

count=0
while IFS= read -r capture; do
  golden_of "$capture" >"$capture.tshark.tsv.tmp"
  mv "$capture.tshark.tsv.tmp" "$capture.tshark.tsv"
  count=$((count + 1))
done < <(list_captures)
echo "$count goldens written ($(tshark --version 2>/dev/null | head -1))"
