#!/usr/bin/env bash
# Starts (and stops) the servers the integration tests use, installing what is missing:
#   Redis from Debian's packages, FerretDB 1.24 (a MongoDB-compatible server, SQLite backend)
#   built from its Go module. Everything listens on 127.0.0.1 only.
#
#   scripts/services.sh start   # install if needed, start, print the env to export
#   scripts/services.sh env     # print `export REDIS_URL=… MONGO_URL=…` for running servers
#   scripts/services.sh stop    # stop exactly the processes this script started, by PID
#
# State (PID files, data, logs) lives in .services/ at the repository root.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
state="$root/.services"
redis_port=${SENTINEL_TEST_REDIS_PORT:-6390}
mongo_port=${SENTINEL_TEST_MONGO_PORT:-27018}
ferretdb_version=v1.24.2
gobin=$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin

log() { printf 'services: %s\n' "$*" >&2; }

install_redis() {
  if command -v redis-server >/dev/null && command -v redis-cli >/dev/null && command -v redis-sentinel >/dev/null; then
    return
  fi
  log "installing redis-server, redis-tools and redis-sentinel from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools redis-sentinel >/dev/null
}

install_ferretdb() {
  if [ -x "$gobin/ferretdb" ] && "$gobin/ferretdb" --version >/dev/null 2>&1; then return; fi
  # A plain `go install …/cmd/ferretdb@v1.24.2` builds a binary that panics at start: FerretDB
  # embeds build/version/version.txt, which its release process writes and the module lacks.
  # So fetch the module, write that file into a copy, and build the copy.
  log "building FerretDB $ferretdb_version from its Go module (a minute or two)"
  local src tmp
  src=$(cd /tmp && go mod download -json "github.com/FerretDB/FerretDB@$ferretdb_version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  tmp=$(mktemp -d)
  cp -r "$src/." "$tmp"
  chmod -R u+w "$tmp"
  echo "$ferretdb_version" >"$tmp/build/version/version.txt"
  mkdir -p "$gobin"
  (cd "$tmp" && go build -o "$gobin/ferretdb" ./cmd/ferretdb)
  rm -rf "$tmp"
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for_port() {
  local port=$1 name=$2
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "$name did not open port $port; see $state/$name.log"
  return 1
}

# The servers' output never goes to this script's stdout: `env=$(services.sh start)` would
# otherwise wait for them to exit before it could read the environment lines.
start() {
  mkdir -p "$state"
  install_redis
  install_ferretdb
  if ! running "$state/redis.pid"; then
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
      --daemonize no --logfile "$state/redis.log" </dev/null >/dev/null 2>&1 &
    echo $! >"$state/redis.pid"
    wait_for_port "$redis_port" redis
    log "redis on 127.0.0.1:$redis_port (pid $(cat "$state/redis.pid"))"
  fi
  if ! running "$state/ferretdb.pid"; then
    # Its metrics listener (--debug-addr, 127.0.0.1:8088 by default) is turned off: another
    # FerretDB on the machine may hold that port.
    rm -rf "$state/ferretdb-data" "$state/ferretdb-state"
    mkdir -p "$state/ferretdb-data" "$state/ferretdb-state"
    "$gobin/ferretdb" --handler=sqlite --sqlite-url="file:$state/ferretdb-data/" \
      --state-dir="$state/ferretdb-state" --telemetry=disable \
      --listen-addr="127.0.0.1:$mongo_port" --log-level=warn \
      --debug-addr=- </dev/null >"$state/ferretdb.log" 2>&1 &
    echo $! >"$state/ferretdb.pid"
    wait_for_port "$mongo_port" ferretdb
    log "ferretdb on 127.0.0.1:$mongo_port (pid $(cat "$state/ferretdb.pid"))"
  fi
  env_lines
}

env_lines() {
  echo "export REDIS_URL=redis://127.0.0.1:$redis_port"
  echo "export MONGO_URL=mongodb://127.0.0.1:$mongo_port/"
}

stop() {
  for name in ferretdb redis; do
    local pidfile="$state/$name.pid"
    if running "$pidfile"; then
      kill "$(cat "$pidfile")" 2>/dev/null || true
      for _ in $(seq 1 50); do running "$pidfile" || break; sleep 0.1; done
      log "stopped $name"
    fi
    rm -f "$pidfile"
  done
}

case "${1:-}" in
  start) start ;;
  env) env_lines ;;
  stop) stop ;;
  *) echo "usage: $0 start|env|stop" >&2; exit 2 ;;
esac
