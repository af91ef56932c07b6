#!/bin/bash
# Run once by the official mariadb image when the primary's data directory is created: the user
# the replica reads the binary log as.
set -euo pipefail
docker_process_sql <<SQL
CREATE USER IF NOT EXISTS 'replicator'@'%' IDENTIFIED BY '${REPLICATION_PASSWORD}';
GRANT REPLICATION SLAVE ON *.* TO 'replicator'@'%';
SQL
