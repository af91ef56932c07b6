import { MigrationInterface, QueryRunner } from "typeorm";

export class Conduct1796166217507 implements MigrationInterface {
    name = 'Conduct1796166217507'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "cond_case" (
                "case_id" varchar(24) PRIMARY KEY NOT NULL,
                "entity_code" varchar(32) NOT NULL,
                "received_on" date NOT NULL,
                "closed_on" date,
                "category" varchar(40) NOT NULL,
                "status" varchar(8) NOT NULL,
                "outcome" varchar(32),
                "referral_source" varchar(16) NOT NULL,
                "record_key" smallint NOT NULL
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cond_case_received" ON "cond_case" ("received_on", "entity_code")
        `);
        await queryRunner.query(`
            CREATE TABLE "cond_measure" (
                "measure_id" varchar(24) PRIMARY KEY NOT NULL,
                "case_id" varchar(24) NOT NULL,
                "entity_code" varchar(32) NOT NULL,
                "imposed_on" date NOT NULL,
                "measure_type" varchar(32) NOT NULL,
                "record_key" smallint NOT NULL
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cond_measure_case" ON "cond_measure" ("case_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cond_measure_imposed" ON "cond_measure" ("imposed_on", "entity_code")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "ix_cond_measure_imposed"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_cond_measure_case"
        `);
        await queryRunner.query(`
            DROP TABLE "cond_measure"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_cond_case_received"
        `);
        await queryRunner.query(`
            DROP TABLE "cond_case"
        `);
    }

}
