#!/usr/bin/env bash
# Parley beside RabbitMQ on this machine, same load shapes, one run:
#   relay:  16 KB bodies, 8 pairs, window 32   vs  RabbitMQ, same shape
#   agent:   1 KB texts, 16 connections, window 64 (E2EE, SQLite on both ends)
#            vs  RabbitMQ, 16 pairs, window 64, 1 KB
# RabbitMQ: Debian's rabbitmq-server (installed with apt-get if missing), TLS 1.3 only on
# loopback with a certificate generated here, durable quorum queues (or --queue-type classic),
# persistent messages, publisher confirms, manual acks.
# Not part of the test suite. Usage: bench/peers/rabbitmq.sh [--seconds S] [--warmup S]
#   [--queue-type quorum|classic] [--agent-messages N] [--agent-warmup N]
# Needs root (apt-get, starting the broker). Build first:
#   ./mvnw -B -q -pl bench -am package -DskipTests
set -euo pipefail

SECONDS_MEASURED=15
WARMUP=10
QUEUE_TYPE=quorum
AGENT_MESSAGES=40000
AGENT_WARMUP=60000
PORT=5671
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_MEASURED="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --queue-type) QUEUE_TYPE="$2"; shift 2 ;;
    --agent-messages) AGENT_MESSAGES="$2"; shift 2 ;;
    --agent-warmup) AGENT_WARMUP="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "rabbitmq.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="${PARLEY_BENCH_JAR:-$ROOT/bench/target/parley-bench.jar}"
[ -f "$JAR" ] || { echo "rabbitmq.sh: build first: ./mvnw -B -q -pl bench -am package -DskipTests" >&2; exit 1; }

if ! command -v rabbitmq-server >/dev/null 2>&1 && [ ! -x /usr/sbin/rabbitmq-server ]; then
  echo "installing rabbitmq-server (Debian package)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
fi
export PATH="$PATH:/usr/sbin:/usr/lib/rabbitmq/bin"

WORK="$(mktemp -d /tmp/parley-rabbitmq.XXXXXX)"
chmod 755 "$WORK"
STARTED=""
BROKER_PID=""
NODE="parleybench@localhost"
cleanup() {
  if [ -n "$STARTED" ]; then
    rabbitmqctl -n "$NODE" stop >/dev/null 2>&1 || kill "$BROKER_PID" 2>/dev/null || true
    wait "$BROKER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# A self-signed certificate for 127.0.0.1, which the load client pins.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1
chown rabbitmq:rabbitmq "$WORK/key.pem" "$WORK/cert.pem"
chmod 644 "$WORK/cert.pem"
chmod 600 "$WORK/key.pem"

cat > "$WORK/rabbitmq.conf" <<CONF
listeners.tcp = none
listeners.ssl.default = 127.0.0.1:$PORT
ssl_options.certfile = $WORK/cert.pem
ssl_options.keyfile = $WORK/key.pem
ssl_options.cacertfile = $WORK/cert.pem
ssl_options.versions.1 = tlsv1.3
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
# Generous, so a loaded machine's slow TLS handshakes are not cut off (5 s and 10 s by default).
ssl_handshake_timeout = 60000
handshake_timeout = 60000
CONF
mkdir -p "$WORK/mnesia" "$WORK/log"
chown -R rabbitmq:rabbitmq "$WORK/mnesia" "$WORK/log" "$WORK/rabbitmq.conf"

echo "[]." > "$WORK/enabled_plugins"
chown rabbitmq:rabbitmq "$WORK/enabled_plugins"
echo "starting RabbitMQ ($(dpkg-query -W -f='${Version}' rabbitmq-server 2>/dev/null || echo '?')) on 127.0.0.1:$PORT, TLS 1.3 only"
# As the package's own user, in the foreground of a background job (no -detached, whose
# failures are silent), with everything it writes in $WORK.
runuser -u rabbitmq -- env HOME=/var/lib/rabbitmq RABBITMQ_NODENAME="$NODE" \
  RABBITMQ_CONFIG_FILE="$WORK/rabbitmq.conf" RABBITMQ_MNESIA_BASE="$WORK/mnesia" \
  RABBITMQ_LOG_BASE="$WORK/log" RABBITMQ_ENABLED_PLUGINS_FILE="$WORK/enabled_plugins" \
  /usr/lib/rabbitmq/bin/rabbitmq-server >"$WORK/console.log" 2>&1 &
BROKER_PID=$!
STARTED=1
# Polled: the node registers only after the Erlang VM has booted, which a loaded machine
# stretches to a minute or more.
for _ in $(seq 1 60); do
  if rabbitmqctl -n "$NODE" await_startup --timeout 10 >/dev/null 2>&1; then
    break
  fi
  kill -0 "$BROKER_PID" 2>/dev/null || { echo "rabbitmq.sh: the broker exited:" >&2; tail -20 "$WORK/console.log" >&2; exit 1; }
  sleep 2
done
rabbitmqctl -n "$NODE" await_startup --timeout 10 >/dev/null

LOAD="java -cp $JAR io.parley.bench.peers.RabbitLoad --ca-cert $WORK/cert.pem --port $PORT --queue-type $QUEUE_TYPE --seconds $SECONDS_MEASURED --warmup $WARMUP"
figure() { grep -o '= [0-9]* m[a-z]*/s' | head -1 | grep -o '[0-9]*'; }

echo "== load: $(cat /proc/loadavg); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== RabbitMQ $QUEUE_TYPE, 16 KB, 8 pairs, window 32"
R16=$($LOAD --bytes 16384 --pairs 8 --window 32 | tee -a /dev/stderr | figure)
echo "== Parley relay, 16 KB, 8 pairs, window 32"
P16=$(java -cp "$JAR" io.parley.bench.relay.LoadTool --pairs 8 --window 32 \
  --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" | tee -a /dev/stderr | grep '^throughput' | figure)
echo "== RabbitMQ $QUEUE_TYPE, 1 KB, 16 pairs, window 64"
R1=$($LOAD --bytes 1024 --pairs 16 --window 64 | tee -a /dev/stderr | figure)
echo "== Parley agent end to end, 1 KB, 16 connections, window 64"
P1=$(java -cp "$JAR" io.parley.bench.agent.AgentBench --connections 16 --window 64 \
  --messages "$AGENT_MESSAGES" --warmup "$AGENT_WARMUP" --latency-messages 2500 --handshakes 1 \
  | tee -a /dev/stderr | grep '^throughput' | figure)

echo "== load after: $(cat /proc/loadavg)"
awk -v p16="$P16" -v r16="$R16" -v p1="$P1" -v r1="$R1" -v t="$QUEUE_TYPE" 'BEGIN {
  printf "relay 16 KB:     Parley %d msg/s, RabbitMQ %s %d msg/s: %.2fx (target >= 1.5x)\n", p16, t, r16, p16 / r16;
  printf "agent e2e 1 KB:  Parley %d msg/s, RabbitMQ %s %d msg/s: %.2fx (target >= 0.5x)\n", p1, t, r1, p1 / r1;
}'
