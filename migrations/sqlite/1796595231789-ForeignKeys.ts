import { MigrationInterface, QueryRunner } from "typeorm";

export class ForeignKeys1796595231789 implements MigrationInterface {
    name = 'ForeignKeys1796595231789'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "ix_eng_answer_question" ON "eng_answer" ("wave", "question_code")
        `);
        await queryRunner.query(`
            DROP INDEX "ix_cond_case_received"
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_cond_case" (
                "case_id" varchar(24) PRIMARY KEY NOT NULL,
                "entity_code" varchar(32) NOT NULL,
                "received_on" date NOT NULL,
                "closed_on" date,
                "category" varchar(40) NOT NULL,
                "status" varchar(8) NOT NULL,
                "outcome" varchar(32),
                "referral_source" varchar(16) NOT NULL,
                "record_key" smallint NOT NULL,
                CONSTRAINT "FK_7034887b1eb6dc6ed828df8478d" FOREIGN KEY ("entity_code") REFERENCES "dim_entity" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_cond_case"(
                    "case_id",
                    "entity_code",
                    "received_on",
                    "closed_on",
                    "category",
                    "status",
                    "outcome",
                    "referral_source",
                    "record_key"
                )
            SELECT "case_id",
                "entity_code",
                "received_on",
                "closed_on",
                "category",
                "status",
                "outcome",
                "referral_source",
                "record_key"
            FROM "cond_case"
        `);
        await queryRunner.query(`
            DROP TABLE "cond_case"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_cond_case"
                RENAME TO "cond_case"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cond_case_received" ON "cond_case" ("received_on", "entity_code")
        `);
        await queryRunner.query(`
            DROP INDEX "ix_cond_measure_imposed"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_cond_measure_case"
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_cond_measure" (
                "measure_id" varchar(24) PRIMARY KEY NOT NULL,
                "case_id" varchar(24) NOT NULL,
                "entity_code" varchar(32) NOT NULL,
                "imposed_on" date NOT NULL,
                "measure_type" varchar(32) NOT NULL,
                "record_key" smallint NOT NULL,
                CONSTRAINT "FK_96ff6c9da4b0fa0c3ef7d94976f" FOREIGN KEY ("case_id") REFERENCES "cond_case" ("case_id") ON DELETE NO ACTION ON UPDATE NO ACTION,
                CONSTRAINT "FK_9ca723d63075759433a25c98a3a" FOREIGN KEY ("entity_code") REFERENCES "dim_entity" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_cond_measure"(
                    "measure_id",
                    "case_id",
                    "entity_code",
                    "imposed_on",
                    "measure_type",
                    "record_key"
                )
            SELECT "measure_id",
                "case_id",
                "entity_code",
                "imposed_on",
                "measure_type",
                "record_key"
            FROM "cond_measure"
        `);
        await queryRunner.query(`
            DROP TABLE "cond_measure"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_cond_measure"
                RENAME TO "cond_measure"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cond_measure_imposed" ON "cond_measure" ("imposed_on", "entity_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cond_measure_case" ON "cond_measure" ("case_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_eng_question" (
                "wave" integer NOT NULL,
                "code" varchar(16) NOT NULL,
                "text" varchar(255) NOT NULL,
                "dimension" varchar(48) NOT NULL,
                CONSTRAINT "FK_06a9098072df1712473cf55b583" FOREIGN KEY ("wave") REFERENCES "eng_wave" ("year") ON DELETE NO ACTION ON UPDATE NO ACTION,
                PRIMARY KEY ("wave", "code")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_eng_question"("wave", "code", "text", "dimension")
            SELECT "wave",
                "code",
                "text",
                "dimension"
            FROM "eng_question"
        `);
        await queryRunner.query(`
            DROP TABLE "eng_question"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_eng_question"
                RENAME TO "eng_question"
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_eng_respondent" (
                "wave" integer NOT NULL,
                "respondent_id" varchar(16) NOT NULL,
                "entity_code" varchar(32) NOT NULL,
                "grade_band" varchar(24) NOT NULL,
                "gender" varchar(16) NOT NULL,
                "age_band" varchar(16) NOT NULL,
                "disability" boolean,
                "duty_station_type" varchar(32) NOT NULL,
                "record_key" smallint NOT NULL DEFAULT (0),
                CONSTRAINT "FK_41ac085f636589c8a34d819a2e0" FOREIGN KEY ("wave") REFERENCES "eng_wave" ("year") ON DELETE NO ACTION ON UPDATE NO ACTION,
                CONSTRAINT "FK_4c9502d3e9da7f20e43a6b60bc0" FOREIGN KEY ("entity_code") REFERENCES "dim_entity" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION,
                PRIMARY KEY ("wave", "respondent_id")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_eng_respondent"(
                    "wave",
                    "respondent_id",
                    "entity_code",
                    "grade_band",
                    "gender",
                    "age_band",
                    "disability",
                    "duty_station_type",
                    "record_key"
                )
            SELECT "wave",
                "respondent_id",
                "entity_code",
                "grade_band",
                "gender",
                "age_band",
                "disability",
                "duty_station_type",
                "record_key"
            FROM "eng_respondent"
        `);
        await queryRunner.query(`
            DROP TABLE "eng_respondent"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_eng_respondent"
                RENAME TO "eng_respondent"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_eng_answer_question"
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_eng_answer" (
                "wave" integer NOT NULL,
                "respondent_id" varchar(16) NOT NULL,
                "question_code" varchar(16) NOT NULL,
                "value" smallint NOT NULL,
                CONSTRAINT "FK_e3549e90a69c8609b88532f08ee" FOREIGN KEY ("wave", "question_code") REFERENCES "eng_question" ("wave", "code") ON DELETE NO ACTION ON UPDATE NO ACTION,
                CONSTRAINT "FK_188925c26269d811c2ae272fd48" FOREIGN KEY ("wave", "respondent_id") REFERENCES "eng_respondent" ("wave", "respondent_id") ON DELETE NO ACTION ON UPDATE NO ACTION,
                PRIMARY KEY ("wave", "respondent_id", "question_code")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_eng_answer"(
                    "wave",
                    "respondent_id",
                    "question_code",
                    "value"
                )
            SELECT "wave",
                "respondent_id",
                "question_code",
                "value"
            FROM "eng_answer"
        `);
        await queryRunner.query(`
            DROP TABLE "eng_answer"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_eng_answer"
                RENAME TO "eng_answer"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_eng_answer_question" ON "eng_answer" ("wave", "question_code")
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_ind_observation" (
                "indicator_code" varchar(96) NOT NULL,
                "period" varchar(16) NOT NULL,
                "document" varchar(32) NOT NULL,
                "value" double NOT NULL,
                "qualifier" varchar(16) NOT NULL,
                "derived" boolean NOT NULL,
                "derivation" varchar(512),
                "paragraph" varchar(16) NOT NULL,
                "quote" varchar(255) NOT NULL,
                CONSTRAINT "FK_1f0fcf090292eaf39d0ad2d473e" FOREIGN KEY ("indicator_code") REFERENCES "ind_indicator" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION,
                PRIMARY KEY ("indicator_code", "period", "document")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_ind_observation"(
                    "indicator_code",
                    "period",
                    "document",
                    "value",
                    "qualifier",
                    "derived",
                    "derivation",
                    "paragraph",
                    "quote"
                )
            SELECT "indicator_code",
                "period",
                "document",
                "value",
                "qualifier",
                "derived",
                "derivation",
                "paragraph",
                "quote"
            FROM "ind_observation"
        `);
        await queryRunner.query(`
            DROP TABLE "ind_observation"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_ind_observation"
                RENAME TO "ind_observation"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_staff_year_year_staff"
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
                CONSTRAINT "FK_f02e3b464669ad5d1025182ba7a" FOREIGN KEY ("entity_code") REFERENCES "dim_entity" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION,
                CONSTRAINT "FK_e1cbf9810e507e013c46882db9d" FOREIGN KEY ("duty_station_code") REFERENCES "dim_duty_station" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION,
                CONSTRAINT "FK_fd9ceee72d825eec8c907142d6a" FOREIGN KEY ("grade_code") REFERENCES "dim_grade" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION,
                CONSTRAINT "FK_47bb8a7a529704be03d3913a083" FOREIGN KEY ("nationality_iso3") REFERENCES "dim_member_state" ("iso3") ON DELETE NO ACTION ON UPDATE NO ACTION,
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
                    "ypp",
                    "record_key"
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
                "ypp",
                "record_key"
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
            CREATE INDEX "ix_staff_year_year_staff" ON "fact_staff_year" ("year", "staff_id")
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
            DROP INDEX "ix_job_opening_selected"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_job_opening_entity"
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
                "record_key" smallint NOT NULL DEFAULT (0),
                CONSTRAINT "FK_afc74a2465bdde6cfa52ab1ee09" FOREIGN KEY ("entity_code") REFERENCES "dim_entity" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION,
                CONSTRAINT "FK_9d6bcf4d2ad9b58cff0e4877b1e" FOREIGN KEY ("grade_code") REFERENCES "dim_grade" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION,
                CONSTRAINT "FK_8f8b3a4c8b85d4ddf6fbe554a82" FOREIGN KEY ("duty_station_code") REFERENCES "dim_duty_station" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION
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
                    "selected_gender",
                    "record_key"
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
                "selected_gender",
                "record_key"
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
            CREATE INDEX "ix_job_opening_selected" ON "fact_job_opening" ("selected_on")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_job_opening_entity" ON "fact_job_opening" ("entity_code")
        `);
        await queryRunner.query(`
            DROP INDEX "ix_lrn_enrolment_year"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_lrn_enrolment_staff"
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_lrn_enrolment" (
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
                "record_key" smallint NOT NULL,
                CONSTRAINT "FK_64c4ddeb96e4636968fb32c8f3c" FOREIGN KEY ("course_code") REFERENCES "lrn_course" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_lrn_enrolment"(
                    "enrolment_id",
                    "staff_id",
                    "year",
                    "course_code",
                    "enrolled_on",
                    "completed_on",
                    "status",
                    "certified",
                    "entity_code",
                    "grade_code",
                    "gender",
                    "record_key"
                )
            SELECT "enrolment_id",
                "staff_id",
                "year",
                "course_code",
                "enrolled_on",
                "completed_on",
                "status",
                "certified",
                "entity_code",
                "grade_code",
                "gender",
                "record_key"
            FROM "lrn_enrolment"
        `);
        await queryRunner.query(`
            DROP TABLE "lrn_enrolment"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_lrn_enrolment"
                RENAME TO "lrn_enrolment"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_lrn_enrolment_year" ON "lrn_enrolment" ("year", "entity_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_lrn_enrolment_staff" ON "lrn_enrolment" ("staff_id", "year")
        `);
        await queryRunner.query(`
            DROP INDEX "ix_lrn_offering_year"
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_lrn_offering" (
                "offering_id" varchar(32) PRIMARY KEY NOT NULL,
                "course_code" varchar(24) NOT NULL,
                "year" smallint NOT NULL,
                "starts_on" date NOT NULL,
                CONSTRAINT "FK_81a9e4b50c00125c9c9ed29c13a" FOREIGN KEY ("course_code") REFERENCES "lrn_course" ("code") ON DELETE NO ACTION ON UPDATE NO ACTION
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_lrn_offering"(
                    "offering_id",
                    "course_code",
                    "year",
                    "starts_on"
                )
            SELECT "offering_id",
                "course_code",
                "year",
                "starts_on"
            FROM "lrn_offering"
        `);
        await queryRunner.query(`
            DROP TABLE "lrn_offering"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_lrn_offering"
                RENAME TO "lrn_offering"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_lrn_offering_year" ON "lrn_offering" ("year", "course_code")
        `);
        await queryRunner.query(`
            CREATE TABLE "temporary_ref_member_state_input" (
                "iso3" varchar(3) NOT NULL,
                "year" integer NOT NULL,
                "assessment_rate" double NOT NULL,
                "population" double NOT NULL,
                "source" varchar(255) NOT NULL,
                CONSTRAINT "FK_00f46699d981241e1efc383c234" FOREIGN KEY ("iso3") REFERENCES "dim_member_state" ("iso3") ON DELETE NO ACTION ON UPDATE NO ACTION,
                PRIMARY KEY ("iso3", "year")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_ref_member_state_input"(
                    "iso3",
                    "year",
                    "assessment_rate",
                    "population",
                    "source"
                )
            SELECT "iso3",
                "year",
                "assessment_rate",
                "population",
                "source"
            FROM "ref_member_state_input"
        `);
        await queryRunner.query(`
            DROP TABLE "ref_member_state_input"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_ref_member_state_input"
                RENAME TO "ref_member_state_input"
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "ref_member_state_input"
                RENAME TO "temporary_ref_member_state_input"
        `);
        await queryRunner.query(`
            CREATE TABLE "ref_member_state_input" (
                "iso3" varchar(3) NOT NULL,
                "year" integer NOT NULL,
                "assessment_rate" double NOT NULL,
                "population" double NOT NULL,
                "source" varchar(255) NOT NULL,
                PRIMARY KEY ("iso3", "year")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "ref_member_state_input"(
                    "iso3",
                    "year",
                    "assessment_rate",
                    "population",
                    "source"
                )
            SELECT "iso3",
                "year",
                "assessment_rate",
                "population",
                "source"
            FROM "temporary_ref_member_state_input"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_ref_member_state_input"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_lrn_offering_year"
        `);
        await queryRunner.query(`
            ALTER TABLE "lrn_offering"
                RENAME TO "temporary_lrn_offering"
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
            INSERT INTO "lrn_offering"(
                    "offering_id",
                    "course_code",
                    "year",
                    "starts_on"
                )
            SELECT "offering_id",
                "course_code",
                "year",
                "starts_on"
            FROM "temporary_lrn_offering"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_lrn_offering"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_lrn_offering_year" ON "lrn_offering" ("year", "course_code")
        `);
        await queryRunner.query(`
            DROP INDEX "ix_lrn_enrolment_staff"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_lrn_enrolment_year"
        `);
        await queryRunner.query(`
            ALTER TABLE "lrn_enrolment"
                RENAME TO "temporary_lrn_enrolment"
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
            INSERT INTO "lrn_enrolment"(
                    "enrolment_id",
                    "staff_id",
                    "year",
                    "course_code",
                    "enrolled_on",
                    "completed_on",
                    "status",
                    "certified",
                    "entity_code",
                    "grade_code",
                    "gender",
                    "record_key"
                )
            SELECT "enrolment_id",
                "staff_id",
                "year",
                "course_code",
                "enrolled_on",
                "completed_on",
                "status",
                "certified",
                "entity_code",
                "grade_code",
                "gender",
                "record_key"
            FROM "temporary_lrn_enrolment"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_lrn_enrolment"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_lrn_enrolment_staff" ON "lrn_enrolment" ("staff_id", "year")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_lrn_enrolment_year" ON "lrn_enrolment" ("year", "entity_code")
        `);
        await queryRunner.query(`
            DROP INDEX "ix_job_opening_entity"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_job_opening_selected"
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
                "selected_gender" varchar(1),
                "record_key" smallint NOT NULL DEFAULT (0)
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
                    "selected_gender",
                    "record_key"
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
                "selected_gender",
                "record_key"
            FROM "temporary_fact_job_opening"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_fact_job_opening"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_job_opening_entity" ON "fact_job_opening" ("entity_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_job_opening_selected" ON "fact_job_opening" ("selected_on")
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
            DROP INDEX "ix_staff_year_year_staff"
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
                "record_key" smallint NOT NULL DEFAULT (0),
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
                    "ypp",
                    "record_key"
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
                "ypp",
                "record_key"
            FROM "temporary_fact_staff_year"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_fact_staff_year"
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
            CREATE INDEX "ix_staff_year_year_staff" ON "fact_staff_year" ("year", "staff_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "ind_observation"
                RENAME TO "temporary_ind_observation"
        `);
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
            INSERT INTO "ind_observation"(
                    "indicator_code",
                    "period",
                    "document",
                    "value",
                    "qualifier",
                    "derived",
                    "derivation",
                    "paragraph",
                    "quote"
                )
            SELECT "indicator_code",
                "period",
                "document",
                "value",
                "qualifier",
                "derived",
                "derivation",
                "paragraph",
                "quote"
            FROM "temporary_ind_observation"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_ind_observation"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_eng_answer_question"
        `);
        await queryRunner.query(`
            ALTER TABLE "eng_answer"
                RENAME TO "temporary_eng_answer"
        `);
        await queryRunner.query(`
            CREATE TABLE "eng_answer" (
                "wave" integer NOT NULL,
                "respondent_id" varchar(16) NOT NULL,
                "question_code" varchar(16) NOT NULL,
                "value" smallint NOT NULL,
                PRIMARY KEY ("wave", "respondent_id", "question_code")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "eng_answer"(
                    "wave",
                    "respondent_id",
                    "question_code",
                    "value"
                )
            SELECT "wave",
                "respondent_id",
                "question_code",
                "value"
            FROM "temporary_eng_answer"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_eng_answer"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_eng_answer_question" ON "eng_answer" ("wave", "question_code")
        `);
        await queryRunner.query(`
            ALTER TABLE "eng_respondent"
                RENAME TO "temporary_eng_respondent"
        `);
        await queryRunner.query(`
            CREATE TABLE "eng_respondent" (
                "wave" integer NOT NULL,
                "respondent_id" varchar(16) NOT NULL,
                "entity_code" varchar(32) NOT NULL,
                "grade_band" varchar(24) NOT NULL,
                "gender" varchar(16) NOT NULL,
                "age_band" varchar(16) NOT NULL,
                "disability" boolean,
                "duty_station_type" varchar(32) NOT NULL,
                "record_key" smallint NOT NULL DEFAULT (0),
                PRIMARY KEY ("wave", "respondent_id")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "eng_respondent"(
                    "wave",
                    "respondent_id",
                    "entity_code",
                    "grade_band",
                    "gender",
                    "age_band",
                    "disability",
                    "duty_station_type",
                    "record_key"
                )
            SELECT "wave",
                "respondent_id",
                "entity_code",
                "grade_band",
                "gender",
                "age_band",
                "disability",
                "duty_station_type",
                "record_key"
            FROM "temporary_eng_respondent"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_eng_respondent"
        `);
        await queryRunner.query(`
            ALTER TABLE "eng_question"
                RENAME TO "temporary_eng_question"
        `);
        await queryRunner.query(`
            CREATE TABLE "eng_question" (
                "wave" integer NOT NULL,
                "code" varchar(16) NOT NULL,
                "text" varchar(255) NOT NULL,
                "dimension" varchar(48) NOT NULL,
                PRIMARY KEY ("wave", "code")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "eng_question"("wave", "code", "text", "dimension")
            SELECT "wave",
                "code",
                "text",
                "dimension"
            FROM "temporary_eng_question"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_eng_question"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_cond_measure_case"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_cond_measure_imposed"
        `);
        await queryRunner.query(`
            ALTER TABLE "cond_measure"
                RENAME TO "temporary_cond_measure"
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
            INSERT INTO "cond_measure"(
                    "measure_id",
                    "case_id",
                    "entity_code",
                    "imposed_on",
                    "measure_type",
                    "record_key"
                )
            SELECT "measure_id",
                "case_id",
                "entity_code",
                "imposed_on",
                "measure_type",
                "record_key"
            FROM "temporary_cond_measure"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_cond_measure"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cond_measure_case" ON "cond_measure" ("case_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cond_measure_imposed" ON "cond_measure" ("imposed_on", "entity_code")
        `);
        await queryRunner.query(`
            DROP INDEX "ix_cond_case_received"
        `);
        await queryRunner.query(`
            ALTER TABLE "cond_case"
                RENAME TO "temporary_cond_case"
        `);
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
            INSERT INTO "cond_case"(
                    "case_id",
                    "entity_code",
                    "received_on",
                    "closed_on",
                    "category",
                    "status",
                    "outcome",
                    "referral_source",
                    "record_key"
                )
            SELECT "case_id",
                "entity_code",
                "received_on",
                "closed_on",
                "category",
                "status",
                "outcome",
                "referral_source",
                "record_key"
            FROM "temporary_cond_case"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_cond_case"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cond_case_received" ON "cond_case" ("received_on", "entity_code")
        `);
        await queryRunner.query(`
            DROP INDEX "ix_eng_answer_question"
        `);
    }

}
