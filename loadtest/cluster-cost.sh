#!/usr/bin/env bash
# Clustering cost: the same bot run against one plain node and against a two-node cluster
# (bots matchmade through node A), all server processes' CPU sampled from /proc over 20 s
# after ramp-up and warm-up, two rounds. Loopback ports 19080-19082, 15701-15702; bounded.
# Usage: ./mvnw -q -Dskip.web=true package -DskipTests && loadtest/cluster-cost.sh
#   BOTS=300 ROUNDS=2 CLUSTER_EXTRA="CHECKPOINT_INTERVAL_MS=600000" (settings of the clustered nodes)
set -u
cd "$(dirname "$0")/.."
JAR=${JAR:-target/tickstream.jar}
OUT=loadtest/reports/cluster-cost; mkdir -p $OUT
BOTS=${BOTS:-300}
HZ=$(getconf CLK_TCK)
cpu() { local t=0; for p in "$@"; do read -r -a f < /proc/$p/stat; t=$((t + f[13] + f[14])); done; echo $t; }
common="HOST=127.0.0.1 TLS_PORT=-1 MAX_CONNECTIONS_PER_IP=100000 HANDSHAKES_PER_SECOND_PER_IP=100000 MATCHMAKES_PER_SECOND_PER_IP=100000 MAX_UNCLAIMED_SEATS_PER_IP=100000 MAX_HTTP_CONNECTIONS_PER_IP=100000 AUTH_SECRET=s SEED=1"
start_node() { # name port [cluster args]
  env $common PORT=$2 ${@:3} java -Xmx1g -jar $JAR serve > $OUT/$1.log 2>&1 & echo $!
}
wait_ready() { for i in $(seq 1 120); do curl -sf http://127.0.0.1:$1/health/ready >/dev/null && return 0; sleep 0.5; done; return 1; }
measure() { # label url pids...
  local label=$1 url=$2; shift 2
  java -jar $JAR loadtest --url $url --bots $BOTS --ramp 5 --warmup 5 --duration 30 --seed 1 --report-dir $OUT/reports-$label > $OUT/lt-$label.log 2>&1 &
  local lt=$!
  sleep 18
  local c0=$(cpu "$@"); local t0=$(date +%s.%N)
  sleep 20
  local c1=$(cpu "$@"); local t1=$(date +%s.%N)
  wait $lt
  python3 - "$label" "$c0" "$c1" "$t0" "$t1" "$HZ" "$BOTS" <<'PY'
import sys
label,c0,c1,t0,t1,hz,bots=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]),float(sys.argv[4]),float(sys.argv[5]),int(sys.argv[6]),int(sys.argv[7])
cpu_s=(c1-c0)/hz; wall=t1-t0
print(f"{label}: bots {bots}, server CPU {100*cpu_s/wall:.1f}% of a core over {wall:.1f}s, {1e6*cpu_s/(bots*20*wall):.1f} us per player per tick")
PY
  grep -hE 'SLO|latency' $OUT/lt-$label.log | tail -2
}
for round in $(seq 1 ${ROUNDS:-2}); do
  a=$(start_node single 19080); wait_ready 19080
  measure single-$round http://127.0.0.1:19080 $a
  kill $a; wait $a 2>/dev/null
  members="${CLUSTER_EXTRA:-} CLUSTER=true CLUSTER_HOST=127.0.0.1 CLUSTER_MEMBERS=127.0.0.1:15701,127.0.0.1:15702"
  a=$(start_node ca 19081 $members CLUSTER_PORT=15701); b=$(start_node cb 19082 $members CLUSTER_PORT=15702)
  wait_ready 19081; wait_ready 19082; sleep 3
  measure cluster-$round http://127.0.0.1:19081 $a $b
  curl -s http://127.0.0.1:19081/api/rooms | python3 -c "import json,sys; print('rooms on A:', len(json.load(sys.stdin)))"
  curl -s http://127.0.0.1:19082/api/rooms | python3 -c "import json,sys; print('rooms on B:', len(json.load(sys.stdin)))"
  kill $a $b; wait $a $b 2>/dev/null
done
