import { MigrationInterface, QueryRunner } from "typeorm";

export class RecordKeys1795548784680 implements MigrationInterface {
    name = 'RecordKeys1795548784680'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "ix_staff_year_year_entity"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_staff_year_year_grade"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_staff_year_nationality"
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_fact_staff_year" (
                "staff_id" varchar(16) NOT NULL,
                "year" integer NOT NULL,
                "entity_code" varchar(32) NOT NULL,
                "duty_station_code" varchar(48) NOT NULL,
                "grade_code" varchar(8) NOT NULL,
                "gender" varchar(1) NOT NULL,
                "nationality_iso3" varchar(3) NOT NULL,
                "birth_year" integer NOT NULL,
                "contract_type" varchar(16) NOT NULL,
                "geographical" boolean NOT NULL,
                "ypp" boolean NOT NULL,
                "record_key" smallint NOT NULL DEFAULT (0),
                PRIMARY KEY ("staff_id", "year")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_fact_staff_year"(
                    "staff_id",
                    "year",
                    "entity_code",
                    "duty_station_code",
                    "grade_code",
                    "gender",
                    "nationality_iso3",
                    "birth_year",
                    "contract_type",
                    "geographical",
                    "ypp"
                )
            SELECT "staff_id",
                "year",
                "entity_code",
                "duty_station_code",
                "grade_code",
                "gender",
                "nationality_iso3",
                "birth_year",
                "contract_type",
                "geographical",
                "ypp"
            FROM "fact_staff_year"
        `);
        await queryRunner.query(`
            DROP TABLE "fact_staff_year"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_fact_staff_year"
                RENAME TO "fact_staff_year"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_staff_year_year_entity" ON "fact_staff_year" ("year", "entity_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_staff_year_year_grade" ON "fact_staff_year" ("year", "grade_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_staff_year_nationality" ON "fact_staff_year" ("nationality_iso3")
        `);
        await queryRunner.query(`
            DROP INDEX "ix_job_opening_entity"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_job_opening_selected"
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_fact_job_opening" (
                "job_opening_id" varchar(24) PRIMARY KEY NOT NULL,
                "entity_code" varchar(32) NOT NULL,
                "grade_code" varchar(8) NOT NULL,
                "duty_station_code" varchar(48) NOT NULL,
                "posted_on" date NOT NULL,
                "deadline_on" date NOT NULL,
                "assessed_on" date,
                "interviewed_on" date,
                "endorsed_on" date,
                "selected_on" date,
                "applicants_total" integer NOT NULL,
                "applicants_women" integer NOT NULL,
                "roster_based" boolean NOT NULL,
                "selected_gender" varchar(1),
                "record_key" smallint NOT NULL DEFAULT (0)
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_fact_job_opening"(
                    "job_opening_id",
                    "entity_code",
                    "grade_code",
                    "duty_station_code",
                    "posted_on",
                    "deadline_on",
                    "assessed_on",
                    "interviewed_on",
                    "endorsed_on",
                    "selected_on",
                    "applicants_total",
                    "applicants_women",
                    "roster_based",
                    "selected_gender"
                )
            SELECT "job_opening_id",
                "entity_code",
                "grade_code",
                "duty_station_code",
                "posted_on",
                "deadline_on",
                "assessed_on",
                "interviewed_on",
                "endorsed_on",
                "selected_on",
                "applicants_total",
                "applicants_women",
                "roster_based",
                "selected_gender"
            FROM "fact_job_opening"
        `);
        await queryRunner.query(`
            DROP TABLE "fact_job_opening"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_fact_job_opening"
                RENAME TO "fact_job_opening"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_job_opening_entity" ON "fact_job_opening" ("entity_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_job_opening_selected" ON "fact_job_opening" ("selected_on")
        `);
        // Rows loaded before record keys existed get a random permanent key; loads from now on
        // derive each unit's key from its natural key (src/shared/disclosure/record-key.ts).
        await queryRunner.query(`UPDATE "fact_staff_year" SET "record_key" = abs(random()) % 256`);
        await queryRunner.query(`UPDATE "fact_job_opening" SET "record_key" = abs(random()) % 256`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "ix_job_opening_selected"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_job_opening_entity"
        `);
        await queryRunner.query(`
            ALTER TABLE "fact_job_opening"
                RENAME TO "temporary_fact_job_opening"
        `);
        await queryRunner.query(`
            CREATE TABLE "fact_job_opening" (
                "job_opening_id" varchar(24) PRIMARY KEY NOT NULL,
                "entity_code" varchar(32) NOT NULL,
                "grade_code" varchar(8) NOT NULL,
                "duty_station_code" varchar(48) NOT NULL,
                "posted_on" date NOT NULL,
                "deadline_on" date NOT NULL,
                "assessed_on" date,
                "interviewed_on" date,
                "endorsed_on" date,
                "selected_on" date,
                "applicants_total" integer NOT NULL,
                "applicants_women" integer NOT NULL,
                "roster_based" boolean NOT NULL,
                "selected_gender" varchar(1)
            )
        `);
        await queryRunner.query(`
            INSERT INTO "fact_job_opening"(
                    "job_opening_id",
                    "entity_code",
                    "grade_code",
                    "duty_station_code",
                    "posted_on",
                    "deadline_on",
                    "assessed_on",
                    "interviewed_on",
                    "endorsed_on",
                    "selected_on",
                    "applicants_total",
                    "applicants_women",
                    "roster_based",
                    "selected_gender"
                )
            SELECT "job_opening_id",
                "entity_code",
                "grade_code",
                "duty_station_code",
                "posted_on",
                "deadline_on",
                "assessed_on",
                "interviewed_on",
                "endorsed_on",
                "selected_on",
                "applicants_total",
                "applicants_women",
                "roster_based",
                "selected_gender"
            FROM "temporary_fact_job_opening"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_fact_job_opening"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_job_opening_selected" ON "fact_job_opening" ("selected_on")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_job_opening_entity" ON "fact_job_opening" ("entity_code")
        `);
        await queryRunner.query(`
            DROP INDEX "ix_staff_year_nationality"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_staff_year_year_grade"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_staff_year_year_entity"
        `);
        await queryRunner.query(`
            ALTER TABLE "fact_staff_year"
                RENAME TO "temporary_fact_staff_year"
        `);
        await queryRunner.query(`
            CREATE TABLE "fact_staff_year" (
                "staff_id" varchar(16) NOT NULL,
                "year" integer NOT NULL,
                "entity_code" varchar(32) NOT NULL,
                "duty_station_code" varchar(48) NOT NULL,
                "grade_code" varchar(8) NOT NULL,
                "gender" varchar(1) NOT NULL,
                "nationality_iso3" varchar(3) NOT NULL,
                "birth_year" integer NOT NULL,
                "contract_type" varchar(16) NOT NULL,
                "geographical" boolean NOT NULL,
                "ypp" boolean NOT NULL,
                PRIMARY KEY ("staff_id", "year")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "fact_staff_year"(
                    "staff_id",
                    "year",
                    "entity_code",
                    "duty_station_code",
                    "grade_code",
                    "gender",
                    "nationality_iso3",
                    "birth_year",
                    "contract_type",
                    "geographical",
                    "ypp"
                )
            SELECT "staff_id",
                "year",
                "entity_code",
                "duty_station_code",
                "grade_code",
                "gender",
                "nationality_iso3",
                "birth_year",
                "contract_type",
                "geographical",
                "ypp"
            FROM "temporary_fact_staff_year"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_fact_staff_year"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_staff_year_nationality" ON "fact_staff_year" ("nationality_iso3")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_staff_year_year_grade" ON "fact_staff_year" ("year", "grade_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_staff_year_year_entity" ON "fact_staff_year" ("year", "entity_code")
        `);
    }

}
