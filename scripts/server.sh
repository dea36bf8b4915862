#!/usr/bin/env bash
# make server / make server-stop: a local Prefect server in the background, UI at
# http://127.0.0.1:4200, on loopback only, asking for the auth string kept in
# $PREFECT_HOME/lectra-server.auth (made once, mode 0600), with CSRF protection on and CORS
# limited to the UI's own origin. Its SQLite database lives in $PREFECT_HOME (default
# ~/.prefect, Prefect's own, so this user's CLI runs, workers and deploys share it); set
# PREFECT_API_DATABASE_CONNECTION_URL=postgresql+asyncpg://... to keep it in PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077  # the database holds the blocks' keys; the log, the run's topics
export PREFECT_HOME="${PREFECT_HOME:-$HOME/.prefect}"
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
  if running && answers; then echo "server: already running at $URL"; exit 0; fi
  if answers; then
    echo "server: another server answers at $URL (not started by this checkout's make server); set LECTRA_SERVER_PORT to another port" >&2
    exit 1
  fi
  # the auth string: made once; the profile tells this user's Prefect clients (never printed)
  AUTH_FILE="$(.venv/bin/python -m deployments.server_auth)"
  PREFECT_SERVER_API_AUTH_STRING="$(cat "$AUTH_FILE")"
  export PREFECT_SERVER_API_AUTH_STRING
  export PREFECT_SERVER_CSRF_PROTECTION_ENABLED=true
  export PREFECT_SERVER_CORS_ALLOWED_ORIGINS="http://127.0.0.1:$PORT,http://localhost:$PORT"
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
      echo "server: the UI asks for the auth string in $AUTH_FILE; this user's CLI runs, workers and deploys send it already"
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
