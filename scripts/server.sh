#!/usr/bin/env bash
# make server / make server-stop: a local Prefect server in the background, UI at
# http://127.0.0.1:4200. Its SQLite database lives in $PREFECT_HOME (default ./.prefect); set
# PREFECT_API_DATABASE_CONNECTION_URL=postgresql+asyncpg://... to keep it in PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
export PREFECT_HOME="${PREFECT_HOME:-$PWD/.prefect}"
PORT="${LECTRA_SERVER_PORT:-4200}"
URL="http://127.0.0.1:$PORT"
PIDFILE="$PREFECT_HOME/lectra-server.pid"
LOG="$PREFECT_HOME/lectra-server.log"
mkdir -p "$PREFECT_HOME"

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
answers() {
  python3 -c "import sys, urllib.request as u; u.urlopen(sys.argv[1], timeout=1)" "$URL/api/health" \
    >/dev/null 2>&1
}

case "${1:-start}" in
start)
  if answers; then echo "server: already running at $URL"; exit 0; fi
  # Task-run states reach the database in batches: one write per event made slot requests
  # wait seconds behind the SQLite write lock (README, "Concurrency limits").
  export PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE="${PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE:-100}"
  export PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL="${PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL:-1}"
  export PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE="${PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE:-500}"
  export PREFECT_SERVER_SERVICES_EVENT_PERSISTER_FLUSH_INTERVAL="${PREFECT_SERVER_SERVICES_EVENT_PERSISTER_FLUSH_INTERVAL:-2}"
  export PREFECT_SERVER_ANALYTICS_ENABLED=false
  # the UI asks the API at PREFECT_API_URL, else at PREFECT_SERVER_API_PORT (default 4200)
  export PREFECT_API_URL="$URL/api"
  nohup .venv/bin/prefect server start --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 120); do
    if answers; then
      db="$PREFECT_HOME/prefect.db"
      [ -z "${PREFECT_API_DATABASE_CONNECTION_URL:-}" ] || db="PREFECT_API_DATABASE_CONNECTION_URL"
      echo "server: running at $URL (database: $db; log: $LOG)"
      echo "server: CLI runs find it at this address; for other ports, deployments and workers: export PREFECT_API_URL=$URL/api"
      exit 0
    fi
    running || { echo "server: did not start; see $LOG" >&2; tail -5 "$LOG" >&2; exit 1; }
    sleep 0.5
  done
  echo "server: no answer at $URL after 60 s; see $LOG" >&2; exit 1
  ;;
stop)
  if running; then
    pid="$(cat "$PIDFILE")"
    kill "$pid"
    for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$PIDFILE"
    echo "server: stopped"
  else
    rm -f "$PIDFILE"
    echo "server: not running (from this checkout)"
  fi
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
