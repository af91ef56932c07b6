import { MigrationInterface, QueryRunner } from "typeorm";

export class Learning1796168125032 implements MigrationInterface {
    name = 'Learning1796168125032'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "lrn_completion" (
                "staff_id" varchar(16) NOT NULL,
                "programme" varchar(32) NOT NULL,
                "first_year" smallint NOT NULL,
                PRIMARY KEY ("staff_id", "programme")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_lrn_completion_programme" ON "lrn_completion" ("programme", "staff_id", "first_year")
        `);
        await queryRunner.query(`
            CREATE TABLE "lrn_course" (
                "code" varchar(24) PRIMARY KEY NOT NULL,
                "programme" varchar(32) NOT NULL,
                "title" varchar(160) NOT NULL,
                "language" varchar(16),
                "level" smallint,
                "delivery" varchar(16) NOT NULL,
                "modules" smallint NOT NULL,
                "certifies" boolean NOT NULL
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "lrn_enrolment" (
                "enrolment_id" varchar(32) PRIMARY KEY NOT NULL,
                "staff_id" varchar(16) NOT NULL,
                "year" smallint NOT NULL,
                "course_code" varchar(24) NOT NULL,
                "enrolled_on" date NOT NULL,
                "completed_on" date,
                "status" varchar(12) NOT NULL,
                "certified" boolean NOT NULL,
                "entity_code" varchar(32),
                "grade_code" varchar(8),
                "gender" varchar(1),
                "record_key" smallint NOT NULL
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_lrn_enrolment_staff" ON "lrn_enrolment" ("staff_id", "year")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_lrn_enrolment_year" ON "lrn_enrolment" ("year", "entity_code")
        `);
        await queryRunner.query(`
            CREATE TABLE "lrn_offering" (
                "offering_id" varchar(32) PRIMARY KEY NOT NULL,
                "course_code" varchar(24) NOT NULL,
                "year" smallint NOT NULL,
                "starts_on" date NOT NULL
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_lrn_offering_year" ON "lrn_offering" ("year", "course_code")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "ix_lrn_offering_year"
        `);
        await queryRunner.query(`
            DROP TABLE "lrn_offering"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_lrn_enrolment_year"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_lrn_enrolment_staff"
        `);
        await queryRunner.query(`
            DROP TABLE "lrn_enrolment"
        `);
        await queryRunner.query(`
            DROP TABLE "lrn_course"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_lrn_completion_programme"
        `);
        await queryRunner.query(`
            DROP TABLE "lrn_completion"
        `);
    }

}
