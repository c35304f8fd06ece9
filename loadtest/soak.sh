#!/usr/bin/env bash
# The soak: one node for MINUTES under about 60% of the bots it can hold, with the report's
# long-run figures (heap after GC, resident memory, descriptors, threads, tick p99: slopes per
# 10 minutes, charts in report.html). The node is pinned to core 0 and the bots to the others
# where taskset exists. Without BOTS a short capacity search against the same node comes first.
# Loopback port 19280; bounded by MINUTES (and the capacity search's 12 steps at most).
# Usage: ./mvnw -q -o -Dskip.web=true package -DskipTests && loadtest/soak.sh [MINUTES] [BOTS]
#   loadtest/soak.sh 60          # the soak of the benchmarks doc
#   loadtest/soak.sh 3 200       # a short one
#   STEP=150 MAX_STEPS=14 loadtest/soak.sh 60   # a wider capacity search first
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-60}
BOTS=${2:-}
JAR=${JAR:-target/tickstream.jar}
OUT=loadtest/reports/soak-$(date -u +%Y%m%d-%H%M%S); mkdir -p "$OUT"
pin_server=; pin_bots=
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  pin_server="taskset -c 0"; pin_bots="taskset -c 1-$(($(nproc) - 1))"
fi
env HOST=127.0.0.1 PORT=19280 TLS_PORT=-1 MAX_CONNECTIONS_PER_IP=100000 \
  HANDSHAKES_PER_SECOND_PER_IP=100000 MATCHMAKES_PER_SECOND_PER_IP=100000 \
  MAX_UNCLAIMED_SEATS_PER_IP=100000 MAX_HTTP_CONNECTIONS_PER_IP=100000 \
  $pin_server java -Xmx1g -jar "$JAR" serve > "$OUT/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:19280/health/ready >/dev/null && break; sleep 0.5; done
if [ -z "$BOTS" ]; then
  echo "capacity search (report in $OUT/capacity)"
  $pin_bots java -jar "$JAR" loadtest --url http://127.0.0.1:19280 --capacity --start "${STEP:-100}" \
    --step "${STEP:-100}" --max-steps "${MAX_STEPS:-12}" --ramp 5 --duration 20 --report-dir "$OUT/capacity"
  held=$(grep -ho '"last_passing_bots" : [0-9]*' "$OUT"/capacity/*/report.json | grep -o '[0-9]*$' || true)
  if [ -z "$held" ]; then echo "no step held the SLO; give BOTS"; exit 1; fi
  BOTS=$((held * 6 / 10))
  echo "capacity $held bots; soaking at $BOTS"
fi
$pin_bots java -jar "$JAR" loadtest --url http://127.0.0.1:19280 --bots "$BOTS" --ramp 30 \
  --warmup 60 --duration $((MINUTES * 60)) --report-dir "$OUT/soak"
echo "report: $(ls "$OUT"/soak/*/report.html)"
grep -A40 '"soak"' "$OUT"/soak/*/report.json | sed -n '1,40p'
