import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The same DDL works on SQLite and MySQL/MariaDB for this table. */
export class TinyVisits1795600000000 implements MigrationInterface {
  name = 'TinyVisits1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE fact_tiny_visit (visit_id varchar(16) NOT NULL PRIMARY KEY, year int NOT NULL, entity_code varchar(32) NOT NULL, record_key smallint NOT NULL DEFAULT 0, ' +
        'CONSTRAINT FK_5132ce087b97ce023295265d0ec FOREIGN KEY (entity_code) REFERENCES dim_entity (code))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE fact_tiny_visit');
  }
}
