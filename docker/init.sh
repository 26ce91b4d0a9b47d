#!/usr/bin/env bash
# airflow-init (docker compose): check the secrets, migrate the metadata DB, create the admin user and the pool.
# The official entrypoint does the migration and the admin user when _AIRFLOW_DB_MIGRATE / _AIRFLOW_WWW_USER_CREATE
# are set; it runs them before any airflow command, so `/entrypoint airflow version` triggers both.
set -euo pipefail

missing=()
for var in AIRFLOW__CORE__FERNET_KEY AIRFLOW__API_AUTH__JWT_SECRET AIRFLOW__API__SECRET_KEY \
           _AIRFLOW_WWW_USER_PASSWORD; do
    [[ -n "${!var:-}" ]] || missing+=("$var")
done
if (( ${#missing[@]} )); then
    echo "airflow-init: missing secrets: ${missing[*]} (copy .env.example to .env and fill it in)" >&2
    exit 1
fi

mkdir -p /opt/airflow/logs /opt/agenda/warehouse
chown -R "${AIRFLOW_UID:-50000}:0" /opt/airflow/logs /opt/agenda/warehouse

/entrypoint airflow version
/entrypoint airflow pools set agenda "${AGENDA_POOL_SLOTS:-4}" "Agenda extraction (backfills share it with the nightly run)"
echo "airflow-init: done (pool agenda: ${AGENDA_POOL_SLOTS:-4} slots)"
