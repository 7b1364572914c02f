#!/usr/bin/env bash
# Gương sáng on one machine: PostgreSQL (already running), APPS Streamlit processes on
# 127.0.0.1, nginx in front (websocket upgrade, sticky by cookie, /files/ from the shared media
# folder). Everything started here is stopped by its pid.
#
#   deploy/run.sh start     # APPS=2 PORT=8080 DATABASE_URL=postgresql+psycopg://... RUN_DIR=...
#   deploy/run.sh stop
#   deploy/run.sh status
#
# Several machines: run the same `streamlit run asgi.py` on each (same DATABASE_URL,
# SECRET_KEY, and MEDIA_DIR on a shared store), and list every host:port in the nginx upstream
# (or any load balancer that keeps a client on one backend by cookie). See README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

APPS="${APPS:-2}"
PORT="${PORT:-8080}"
FIRST_APP_PORT="${FIRST_APP_PORT:-8601}"
RUN_DIR="${RUN_DIR:-$PWD/data/deploy}"
export DATABASE_URL="${DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/guongsang}"
export DATA_DIR="${DATA_DIR:-$PWD/data}"
export MEDIA_DIR="${MEDIA_DIR:-$DATA_DIR/media}"   # shared by every process (and machine)
mkdir -p "$RUN_DIR" "$MEDIA_DIR"

# Every process must sign and check the session cookie with the same key.
if [[ -z "${SECRET_KEY:-}" ]]; then
  [[ -f "$RUN_DIR/secret_key" ]] || (umask 077; python3 -c 'import secrets; print(secrets.token_urlsafe(48))' > "$RUN_DIR/secret_key")
  SECRET_KEY="$(cat "$RUN_DIR/secret_key")"
fi
export SECRET_KEY

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  # Migrate once, before any process starts (they would otherwise race to upgrade).
  uv run python -m services.cli upgrade
  ports=()
  for ((i = 0; i < APPS; i++)); do
    port=$((FIRST_APP_PORT + i))
    ports+=("$port")
    pidfile="$RUN_DIR/app-$i.pid"
    if alive "$pidfile"; then echo "app $i already running (pid $(cat "$pidfile"))"; continue; fi
    setsid uv run streamlit run asgi.py --server.address 127.0.0.1 --server.port "$port" \
      >>"$RUN_DIR/app-$i.log" 2>&1 < /dev/null &
    echo $! > "$pidfile"
    echo "app $i: 127.0.0.1:$port (pid $!)"
  done
  for port in "${ports[@]}"; do
    for _ in $(seq 1 120); do
      curl -fsS "http://127.0.0.1:$port/_stcore/health" >/dev/null 2>&1 && break
      sleep 0.5
    done
  done
  conf="$(uv run python deploy/nginx.py "$RUN_DIR/nginx" "$PORT" "$MEDIA_DIR" "${ports[@]}")"
  if alive "$RUN_DIR/nginx/nginx.pid"; then
    nginx -c "$conf" -p "$RUN_DIR/nginx" -s reload
  else
    nginx -c "$conf" -p "$RUN_DIR/nginx"
  fi
  echo "nginx: http://127.0.0.1:$PORT → ${ports[*]}"
}

stop() {
  if alive "$RUN_DIR/nginx/nginx.pid"; then
    kill -QUIT "$(cat "$RUN_DIR/nginx/nginx.pid")"
  fi
  for pidfile in "$RUN_DIR"/app-*.pid; do
    [[ -f "$pidfile" ]] || continue
    if alive "$pidfile"; then
      # setsid made the uv wrapper a group leader: stop it and the Streamlit under it.
      kill -TERM -- "-$(cat "$pidfile")" 2>/dev/null || kill -TERM "$(cat "$pidfile")"
    fi
    rm -f "$pidfile"
  done
  echo "stopped"
}

status() {
  alive "$RUN_DIR/nginx/nginx.pid" && echo "nginx: pid $(cat "$RUN_DIR/nginx/nginx.pid")" || echo "nginx: stopped"
  for pidfile in "$RUN_DIR"/app-*.pid; do
    [[ -f "$pidfile" ]] || continue
    alive "$pidfile" && echo "$(basename "$pidfile" .pid): pid $(cat "$pidfile")" || echo "$(basename "$pidfile" .pid): stopped"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
