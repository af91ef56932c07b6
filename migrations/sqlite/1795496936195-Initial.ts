import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795496936195 implements MigrationInterface {
    name = 'Initial1795496936195'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "dim_duty_station" (
                "code" varchar(48) PRIMARY KEY NOT NULL,
                "name" varchar(128) NOT NULL,
                "country_iso3" varchar(3) NOT NULL,
                "country_name" varchar(128) NOT NULL,
                "region" varchar(32) NOT NULL,
                "hardship_class" varchar(1) NOT NULL,
                "family" boolean NOT NULL,
                "reference_staff_2019" integer
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dim_duty_station_country" ON "dim_duty_station" ("country_iso3")
        `);
        await queryRunner.query(`
            CREATE TABLE "dim_entity" (
                "code" varchar(32) PRIMARY KEY NOT NULL,
                "name" varchar(255) NOT NULL,
                "kind" varchar(40) NOT NULL,
                "parent_code" varchar(32)
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_dim_entity_kind" ON "dim_entity" ("kind")
        `);
        await queryRunner.query(`
            CREATE TABLE "dim_grade" (
                "code" varchar(8) PRIMARY KEY NOT NULL,
                "category" varchar(40) NOT NULL,
                "sort_order" integer NOT NULL
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "dim_member_state" (
                "iso3" varchar(3) PRIMARY KEY NOT NULL,
                "name" varchar(128) NOT NULL,
                "regional_group" varchar(64) NOT NULL,
                "region" varchar(32) NOT NULL,
                "subregion" varchar(64) NOT NULL
            )
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
            CREATE INDEX "ix_staff_year_nationality" ON "fact_staff_year" ("nationality_iso3")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_staff_year_year_grade" ON "fact_staff_year" ("year", "grade_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_staff_year_year_entity" ON "fact_staff_year" ("year", "entity_code")
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
            CREATE INDEX "ix_job_opening_selected" ON "fact_job_opening" ("selected_on")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_job_opening_entity" ON "fact_job_opening" ("entity_code")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "ix_job_opening_entity"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_job_opening_selected"
        `);
        await queryRunner.query(`
            DROP TABLE "fact_job_opening"
        `);
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
            DROP TABLE "fact_staff_year"
        `);
        await queryRunner.query(`
            DROP TABLE "dim_member_state"
        `);
        await queryRunner.query(`
            DROP TABLE "dim_grade"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_dim_entity_kind"
        `);
        await queryRunner.query(`
            DROP TABLE "dim_entity"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_dim_duty_station_country"
        `);
        await queryRunner.query(`
            DROP TABLE "dim_duty_station"
        `);
    }

}
