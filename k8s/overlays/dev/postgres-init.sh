#!/bin/bash
# PostgreSQL init script (run once, on an empty data volume, by the postgres image's entrypoint):
# one database and one login role per service; each role owns and can connect to its own
# database only (CONNECT is revoked from PUBLIC). Passwords come from the environment.
set -euo pipefail

create() {
  local service="$1" password="$2"
  local role="shopflow_${service}" database="shopflow_${service}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="$role" -v database="$database" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"database" TO :"role";
SQL
  # the public schema belongs to the service's role, nobody else may create objects there
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$database" -v role="$role" <<'SQL'
ALTER SCHEMA public OWNER TO :"role";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL
}

create order "${ORDER_DB_PASSWORD:?ORDER_DB_PASSWORD}"
create payment "${PAYMENT_DB_PASSWORD:?PAYMENT_DB_PASSWORD}"
create inventory "${INVENTORY_DB_PASSWORD:?INVENTORY_DB_PASSWORD}"
# nobody but the owner connects to the maintenance databases either
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT ON DATABASE template1 FROM PUBLIC;
SQL
