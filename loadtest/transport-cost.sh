#!/usr/bin/env bash
# Server CPU per player per tick by transport and TLS engine: one node pinned to core 0 with a
# variant's settings, the bots pinned to core 1 (`loadtest --url`), variants alternated within
# each round so a busy spell of the shared machine lands on all of them. Loopback port
# 19180 (ws) and 19181 (wss); bounded; prints one line per run and the medians at the end.
# Usage: ./mvnw -q -o -Dskip.web=true package -DskipTests && loadtest/transport-cost.sh
#   SET=transport (io_uring, epoll, nio over ws), SET=tls (ws, wss openssl, wss jdk) or
#   SET=all (the three transports over ws, then wss with each engine on the default transport)
#   BOTS="500 1000" ROUNDS=2 DURATION=30
set -u
cd "$(dirname "$0")/.."
JAR=${JAR:-target/tickstream.jar}
OUT=loadtest/reports/transport-cost; mkdir -p "$OUT"
SET=${SET:-transport}
BOTS=${BOTS:-500 1000}
DURATION=${DURATION:-30}
common="HOST=127.0.0.1 PORT=19180 TLS_PORT=19181 MAX_CONNECTIONS_PER_IP=100000 HANDSHAKES_PER_SECOND_PER_IP=100000 MATCHMAKES_PER_SECOND_PER_IP=100000 MAX_UNCLAIMED_SEATS_PER_IP=100000 MAX_HTTP_CONNECTIONS_PER_IP=100000 SEED=1"
case $SET in
  tls) variants="ws:TRANSPORT=auto wss-openssl:TLS_ENGINE=openssl wss-jdk:TLS_ENGINE=jdk";;
  transport) variants="io_uring:TRANSPORT=io_uring epoll:TRANSPORT=epoll nio:TRANSPORT=nio";;
  # ws on io_uring is the baseline of both comparisons; the wss runs use the default transport.
  *) variants="io_uring:TRANSPORT=io_uring epoll:TRANSPORT=epoll nio:TRANSPORT=nio wss-openssl:TLS_ENGINE=openssl wss-jdk:TLS_ENGINE=jdk";;
esac
results=$OUT/results-$SET.txt; : > "$results"
wait_ready() { for _ in $(seq 1 120); do curl -sf http://127.0.0.1:19180/health/ready >/dev/null && return 0; sleep 0.5; done; return 1; }
for round in $(seq 1 "${ROUNDS:-2}"); do
  for bots in $BOTS; do
    for v in $variants; do
      label=${v%%:*}; setting=${v#*:}
      url=http://127.0.0.1:19180; tls=
      case $label in wss*) url=https://localhost:19181; tls=--insecure;; esac
      log=$OUT/server-$label-$bots-$round.log
      env $common $setting taskset -c 0 java -Xmx1g -jar "$JAR" serve > "$log" 2>&1 &
      server=$!
      if ! wait_ready; then echo "$label: server did not start, see $log"; kill $server; exit 1; fi
      load=$(cut -d' ' -f1 /proc/loadavg)
      dir=$OUT/reports-$label-$bots-$round; rm -rf "$dir"
      taskset -c 1 java -jar "$JAR" loadtest --url $url $tls --bots "$bots" --ramp 15 \
        --warmup 10 --duration "$DURATION" --seed 1 --report-dir "$dir" > "$dir.log" 2>&1
      kill $server; wait $server 2>/dev/null
      python3 - "$label" "$bots" "$round" "$load" "$dir" "$log" >> "$results" <<'PY'
import glob, json, re, sys
label, bots, rnd, load, d, log = sys.argv[1:]
reports = sorted(glob.glob(d + "/*/report.json"))
if not reports:
    print(label, bots, rnd, "failed", "-", "-", "-", load, "-", "-")
    sys.exit()
r = json.load(open(reports[-1]))
line = next((l for l in open(log) if "serving http" in l), "")
tr = re.search(r"\| transport (\S+)", line); te = re.search(r"\| TLS (\S+)", line)
print(label, bots, rnd, r["server_cpu_us_per_player_tick"], r["server_cpu_pct"],
      r["latency_ms"]["p99"], r["bots_connected"] if "bots_connected" in r else "-",
      r["machine"]["load_average_1m_before"], tr.group(1) if tr else "?", te.group(1) if te else "?")
PY
      tail -1 "$results"
    done
  done
done
echo "label bots: median server µs per player per tick (runs)"
python3 - "$results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
by = {}
for r in rows:
    if r[3] == "failed":
        continue
    by.setdefault((r[0], int(r[1])), []).append(float(r[3]))
for (label, bots), v in sorted(by.items(), key=lambda x: (x[0][1], x[0][0])):
    print(f"{label} {bots}: {statistics.median(v):.2f} ({', '.join(f'{x:.2f}' for x in v)})")
PY
