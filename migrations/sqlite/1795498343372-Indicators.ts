import { MigrationInterface, QueryRunner } from "typeorm";

export class Indicators1795498343372 implements MigrationInterface {
    name = 'Indicators1795498343372'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "ind_observation" (
                "indicator_code" varchar(96) NOT NULL,
                "period" varchar(16) NOT NULL,
                "document" varchar(32) NOT NULL,
                "value" double NOT NULL,
                "qualifier" varchar(16) NOT NULL,
                "derived" boolean NOT NULL,
                "derivation" varchar(512),
                "paragraph" varchar(16) NOT NULL,
                "quote" varchar(255) NOT NULL,
                PRIMARY KEY ("indicator_code", "period", "document")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "ind_indicator" (
                "code" varchar(96) PRIMARY KEY NOT NULL,
                "name" varchar(255) NOT NULL,
                "description" text NOT NULL,
                "outcome" varchar(16) NOT NULL,
                "subject" varchar(48) NOT NULL,
                "unit" varchar(24) NOT NULL,
                "target_min" double,
                "target_max" double,
                "target_year" integer,
                "target_source" varchar(255),
                "baseline_period" varchar(16),
                "baseline_value" double
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_ind_indicator_outcome" ON "ind_indicator" ("outcome")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "ix_ind_indicator_outcome"
        `);
        await queryRunner.query(`
            DROP TABLE "ind_indicator"
        `);
        await queryRunner.query(`
            DROP TABLE "ind_observation"
        `);
    }

}
