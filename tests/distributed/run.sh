#!/usr/bin/env bash
# Distributed smoke test: Airflow with the CeleryExecutor, Postgres metadata DB and Redis broker, all on this
# machine, each component a separate process. Triggers news_meetings for two ingest dates, waits for both runs
# to succeed, checks the warehouse with DuckDB, and always stops everything it started (by PID).
#
#   make test-distributed            (or: bash tests/distributed/run.sh)
#   KEEP=1 ...                       keep the temp folder (logs, warehouse) for inspection
#
# Needs root for apt-get (redis-server, postgresql; skipped when present) and runs Postgres as user postgres.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="$ROOT/.venv/bin"
DAYS=(2013-03-18 2013-03-19)
WAIT_SECONDS=${WAIT_SECONDS:-480}
START=$(date +%s)
WORK="$(mktemp -d /tmp/agenda-distributed.XXXXXX)"
chmod 755 "$WORK"
PIDS=()          # process-group leaders we started (each component runs in its own session)
PG_DATA="" REDIS_PID=""

log() { printf '[distributed %4ss] %s\n' "$(( $(date +%s) - START ))" "$*"; }

cleanup() {
    local rc=$?
    set +e
    for pid in "${PIDS[@]}"; do
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    done
    for _ in $(seq 1 20); do
        alive=0
        for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        (( alive )) || break
        sleep 0.5
    done
    for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null; done
    if [[ -n "$REDIS_PID" ]]; then kill -TERM "$REDIS_PID" 2>/dev/null; wait "$REDIS_PID" 2>/dev/null; fi
    if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 \
            || kill -TERM "$(head -1 "$PG_DATA/postmaster.pid")" 2>/dev/null
    fi
    if (( rc != 0 )); then
        log "FAILED (rc=$rc); last lines of the logs in $WORK:"
        for f in "$WORK"/*.log; do echo "----- $f"; tail -n 25 "$f"; done
        find "$WORK/airflow/logs" -name '*.log' -path '*run_id=*' 2>/dev/null | head -20 | while read -r f; do
            grep -qiE 'error|exception' "$f" && { echo "----- $f"; tail -n 30 "$f"; }
        done
    fi
    if [[ "${KEEP:-0}" == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
    log "wall time $(( $(date +%s) - START ))s"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# -- 1. system packages (idempotent) -------------------------------------------------------------------------
need=()
command -v redis-server >/dev/null || need+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
if (( ${#need[@]} )); then
    log "apt-get install ${need[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
PG_BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"

# -- 2. Python packages (idempotent) -------------------------------------------------------------------------
# celery 5.6.3 dropped celery.backends.database.retry, which the Celery provider 3.26.0 imports: pin 5.6.2.
if ! "$BIN/python" -c 'import psycopg2, asyncpg
from celery.backends.database import retry
import airflow.providers.celery.executors.celery_executor_utils' >/dev/null 2>&1; then
    log "installing apache-airflow-providers-celery, celery, psycopg2-binary and asyncpg into .venv"
    "$BIN/uv" pip install --quiet --python "$BIN/python" apache-airflow-providers-celery==3.26.0 \
        "celery[redis]==5.6.2" psycopg2-binary==2.9.13 asyncpg==0.32.0
fi

# -- 3. Postgres and Redis on 127.0.0.1, data under $WORK ----------------------------------------------------
PG_PORT=$(free_port) REDIS_PORT=$(free_port) API_PORT=$(free_port) LOG_PORT=$(free_port)
PG_DATA="$WORK/pg"
mkdir -p "$PG_DATA" "$WORK/pgsock" "$WORK/redis"
touch "$WORK/postgres.log"
chown postgres: "$PG_DATA" "$WORK/pgsock" "$WORK/postgres.log"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust >"$WORK/initdb.log" 2>&1
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/postgres.log" -w \
    -o "-p $PG_PORT -k $WORK/pgsock -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
runuser -u postgres -- psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE airflow" >/dev/null
log "postgres pid $(head -1 "$PG_DATA/postmaster.pid") on 127.0.0.1:$PG_PORT"

redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$WORK/redis" --save "" --appendonly no \
    >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 50); do "$BIN/python" - "$REDIS_PORT" <<'EOF' 2>/dev/null && break || sleep 0.2
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1); s.sendall(b"PING\r\n")
assert s.recv(16).startswith(b"+PONG")
EOF
done
log "redis pid $REDIS_PID on 127.0.0.1:$REDIS_PORT"

# -- 4. Airflow configuration --------------------------------------------------------------------------------
DB="postgresql+psycopg2://postgres@127.0.0.1:$PG_PORT/airflow"
export AIRFLOW_HOME="$WORK/airflow"
export AIRFLOW__CORE__EXECUTOR=CeleryExecutor
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="$DB"
export AIRFLOW__CELERY__BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
export AIRFLOW__CELERY__RESULT_BACKEND="db+postgresql+psycopg2://postgres@127.0.0.1:$PG_PORT/airflow"
export AIRFLOW__CELERY__WORKER_CONCURRENCY=2
export AIRFLOW__CORE__DAGS_FOLDER="$ROOT/dags"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=True
export AIRFLOW__CORE__FERNET_KEY="$("$BIN/python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
export AIRFLOW__API_AUTH__JWT_SECRET="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(32))')"
export AIRFLOW__API__SECRET_KEY="$AIRFLOW__API_AUTH__JWT_SECRET"
export AIRFLOW__API__HOST=127.0.0.1 AIRFLOW__API__PORT="$API_PORT" AIRFLOW__API__WORKERS=1
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="http://127.0.0.1:$API_PORT/execution/"
export AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT="$LOG_PORT"
export AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC=2
export AGENDA_LANDING="$ROOT/samples/landing" AGENDA_WAREHOUSE="$WORK/warehouse"
export AGENDA_RETRY_DELAY_SECONDS=5
export PATH="$BIN:$PATH"
mkdir -p "$AIRFLOW_HOME/config"
cp "$ROOT/docker/config/airflow_local_settings.py" "$AIRFLOW_HOME/config/"

log "airflow db migrate"
airflow db migrate >"$WORK/migrate.log" 2>&1
airflow pools set agenda 4 "Agenda extraction" >/dev/null 2>&1

# -- 5. the components, each in its own session so that its whole process tree can be stopped -------------
start() {  # start NAME COMMAND...: run in the background, record the PID
    local name=$1; shift
    setsid "$@" >"$WORK/$name.log" 2>&1 &
    PIDS+=("$!")
    log "$name pid $!"
}
start api-server airflow api-server
start scheduler airflow scheduler
start dag-processor airflow dag-processor
start celery-worker airflow celery worker --concurrency 2

alive() {  # every component still running?
    local pid
    for pid in "${PIDS[@]}"; do
        kill -0 "$pid" 2>/dev/null || { log "a component died (pid $pid)"; return 1; }
    done
}
psql_q() { runuser -u postgres -- psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d airflow -tAc "$1"; }

log "waiting for the DAG to be parsed"
for _ in $(seq 1 90); do
    [[ "$(psql_q "SELECT count(*) > 0 FROM serialized_dag WHERE dag_id = 'news_meetings'" 2>/dev/null)" == t ]] && break
    alive || exit 1
    sleep 2
done
[[ "$(psql_q "SELECT count(*) > 0 FROM serialized_dag WHERE dag_id = 'news_meetings'")" == t ]] || { log "DAG not parsed"; exit 1; }

# -- 6. two ingest dates --------------------------------------------------------------------------------------
for day in "${DAYS[@]}"; do
    airflow dags trigger news_meetings --logical-date "${day}T00:00:00+00:00" >/dev/null 2>&1
    log "triggered news_meetings for $day"
done
airflow dags unpause news_meetings >/dev/null 2>&1

log "waiting (at most ${WAIT_SECONDS}s) for both runs"
deadline=$(( $(date +%s) + WAIT_SECONDS ))
dates_sql=$(printf "'%sT00:00:00+00:00'," "${DAYS[@]}"); dates_sql=${dates_sql%,}
while :; do
    states=$(psql_q "SELECT to_char(logical_date AT TIME ZONE 'UTC', 'YYYY-MM-DD') || '=' || state FROM dag_run
                     WHERE dag_id = 'news_meetings' AND run_type = 'manual'
                     AND logical_date IN ($dates_sql) ORDER BY 1" | tr '\n' ' ')
    if [[ "$states" == *failed* ]]; then log "a run failed: $states"; exit 1; fi
    [[ "$(grep -o '=success' <<<"$states" | wc -l)" == "${#DAYS[@]}" ]] && break
    if (( $(date +%s) > deadline )); then log "timed out: $states"; exit 1; fi
    alive || exit 1
    sleep 5
done
log "runs: $states"
psql_q "SELECT run_id || ' ' || task_id || coalesce('[' || nullif(map_index, -1) || ']', '') || ' ' || state
               || ' on ' || coalesce(nullif(hostname, ''), '-') || ', priority_weight ' || priority_weight
        FROM task_instance WHERE dag_id = 'news_meetings' ORDER BY run_id, task_id" | sed 's/^/    /'
# The cluster policy (docker/config/airflow_local_settings.py) lifts non-backfill runs above backfills.
low=$(psql_q "SELECT count(*) FROM task_instance WHERE dag_id = 'news_meetings' AND priority_weight < 1000")
[[ "$low" == 0 ]] || { log "$low task instances of non-backfill runs lack the priority boost"; exit 1; }

# -- 7. the warehouse --------------------------------------------------------------------------------------------
"$BIN/python" - "$AGENDA_WAREHOUSE" "${DAYS[@]}" <<'EOF'
import sys

from extractors.storage.query import connect

warehouse, days = sys.argv[1], sys.argv[2:]
con = connect(warehouse)
for day in days:
    articles, = con.execute("SELECT count(*) FROM articles WHERE ingest_date = ?", [day]).fetchone()
    events, = con.execute("SELECT count(*) FROM events WHERE ingest_date = ?", [day]).fetchone()
    status = con.execute("SELECT list(status) FROM runs WHERE ingest_date = ?", [day]).fetchone()[0]
    print(f"    {day}: {articles} articles, {events} events, runs {status}")
    assert articles > 0 and events > 0 and status and set(status) <= {"success", "partial"}, day
EOF
log "PASSED"
