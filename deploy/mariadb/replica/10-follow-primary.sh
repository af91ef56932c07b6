#!/bin/bash
# Run once by the official mariadb image when the replica's data directory is created (its own
# MARIADB_DATABASE and MARIADB_USER exist already): follow the primary from its current GTID
# position, so that everything written after it (migrations, imports) is replicated. The
# server starts replicating when it starts for real.
set -euo pipefail
until mariadb-admin ping -h "${PRIMARY_HOST}" -uroot -p"${MARIADB_ROOT_PASSWORD}" --silent; do
  echo "waiting for ${PRIMARY_HOST}"
  sleep 1
done
position=$(mariadb -h "${PRIMARY_HOST}" -uroot -p"${MARIADB_ROOT_PASSWORD}" -N -B \
  -e 'SELECT @@GLOBAL.gtid_binlog_pos')
docker_process_sql <<SQL
SET GLOBAL gtid_slave_pos = '${position}';
CHANGE MASTER TO
  MASTER_HOST = '${PRIMARY_HOST}',
  MASTER_USER = 'replicator',
  MASTER_PASSWORD = '${REPLICATION_PASSWORD}',
  MASTER_USE_GTID = slave_pos,
  MASTER_CONNECT_RETRY = 5;
SQL
