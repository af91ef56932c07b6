import { MigrationInterface, QueryRunner } from "typeorm";

export class Engagement1795551317267 implements MigrationInterface {
    name = 'Engagement1795551317267'

    public async up(queryRunner: QueryRunner): Promise<void> {
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
            CREATE TABLE "eng_question" (
                "wave" integer NOT NULL,
                "code" varchar(16) NOT NULL,
                "text" varchar(255) NOT NULL,
                "dimension" varchar(48) NOT NULL,
                PRIMARY KEY ("wave", "code")
            )
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
            CREATE TABLE "eng_rollup" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "wave" integer NOT NULL,
                "grouping_set" integer NOT NULL,
                "question_code" varchar(16),
                "question_dimension" varchar(48),
                "entity_code" varchar(32),
                "grade_band" varchar(24),
                "gender" varchar(16),
                "age_band" varchar(16),
                "disability" varchar(16),
                "duty_station_type" varchar(32),
                "respondents" integer NOT NULL,
                "respondents_key" integer NOT NULL,
                "n1" integer NOT NULL,
                "n2" integer NOT NULL,
                "n3" integer NOT NULL,
                "n4" integer NOT NULL,
                "n5" integer NOT NULL,
                "k1" integer NOT NULL,
                "k2" integer NOT NULL,
                "k3" integer NOT NULL,
                "k4" integer NOT NULL,
                "k5" integer NOT NULL
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_eng_rollup_set" ON "eng_rollup" ("wave", "grouping_set", "question_code")
        `);
        await queryRunner.query(`
            CREATE TABLE "eng_wave" (
                "year" integer PRIMARY KEY NOT NULL,
                "invited" integer NOT NULL
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "eng_wave"
        `);
        await queryRunner.query(`
            DROP INDEX "ix_eng_rollup_set"
        `);
        await queryRunner.query(`
            DROP TABLE "eng_rollup"
        `);
        await queryRunner.query(`
            DROP TABLE "eng_respondent"
        `);
        await queryRunner.query(`
            DROP TABLE "eng_question"
        `);
        await queryRunner.query(`
            DROP TABLE "eng_answer"
        `);
    }

}
