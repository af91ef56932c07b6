import { MigrationInterface, QueryRunner } from "typeorm";

export class ForeignKeys1796595259023 implements MigrationInterface {
    name = 'ForeignKeys1796595259023'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX \`ix_eng_answer_question\` ON \`eng_answer\` (\`wave\`, \`question_code\`)
        `);
        await queryRunner.query(`
            ALTER TABLE \`cond_case\`
            ADD CONSTRAINT \`FK_7034887b1eb6dc6ed828df8478d\` FOREIGN KEY (\`entity_code\`) REFERENCES \`dim_entity\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`cond_measure\`
            ADD CONSTRAINT \`FK_96ff6c9da4b0fa0c3ef7d94976f\` FOREIGN KEY (\`case_id\`) REFERENCES \`cond_case\`(\`case_id\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`cond_measure\`
            ADD CONSTRAINT \`FK_9ca723d63075759433a25c98a3a\` FOREIGN KEY (\`entity_code\`) REFERENCES \`dim_entity\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`eng_question\`
            ADD CONSTRAINT \`FK_06a9098072df1712473cf55b583\` FOREIGN KEY (\`wave\`) REFERENCES \`eng_wave\`(\`year\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`eng_respondent\`
            ADD CONSTRAINT \`FK_41ac085f636589c8a34d819a2e0\` FOREIGN KEY (\`wave\`) REFERENCES \`eng_wave\`(\`year\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`eng_respondent\`
            ADD CONSTRAINT \`FK_4c9502d3e9da7f20e43a6b60bc0\` FOREIGN KEY (\`entity_code\`) REFERENCES \`dim_entity\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`eng_answer\`
            ADD CONSTRAINT \`FK_e3549e90a69c8609b88532f08ee\` FOREIGN KEY (\`wave\`, \`question_code\`) REFERENCES \`eng_question\`(\`wave\`, \`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`eng_answer\`
            ADD CONSTRAINT \`FK_188925c26269d811c2ae272fd48\` FOREIGN KEY (\`wave\`, \`respondent_id\`) REFERENCES \`eng_respondent\`(\`wave\`, \`respondent_id\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`ind_observation\`
            ADD CONSTRAINT \`FK_1f0fcf090292eaf39d0ad2d473e\` FOREIGN KEY (\`indicator_code\`) REFERENCES \`ind_indicator\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_staff_year\`
            ADD CONSTRAINT \`FK_f02e3b464669ad5d1025182ba7a\` FOREIGN KEY (\`entity_code\`) REFERENCES \`dim_entity\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_staff_year\`
            ADD CONSTRAINT \`FK_e1cbf9810e507e013c46882db9d\` FOREIGN KEY (\`duty_station_code\`) REFERENCES \`dim_duty_station\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_staff_year\`
            ADD CONSTRAINT \`FK_fd9ceee72d825eec8c907142d6a\` FOREIGN KEY (\`grade_code\`) REFERENCES \`dim_grade\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_staff_year\`
            ADD CONSTRAINT \`FK_47bb8a7a529704be03d3913a083\` FOREIGN KEY (\`nationality_iso3\`) REFERENCES \`dim_member_state\`(\`iso3\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_job_opening\`
            ADD CONSTRAINT \`FK_afc74a2465bdde6cfa52ab1ee09\` FOREIGN KEY (\`entity_code\`) REFERENCES \`dim_entity\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_job_opening\`
            ADD CONSTRAINT \`FK_9d6bcf4d2ad9b58cff0e4877b1e\` FOREIGN KEY (\`grade_code\`) REFERENCES \`dim_grade\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_job_opening\`
            ADD CONSTRAINT \`FK_8f8b3a4c8b85d4ddf6fbe554a82\` FOREIGN KEY (\`duty_station_code\`) REFERENCES \`dim_duty_station\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`lrn_enrolment\`
            ADD CONSTRAINT \`FK_64c4ddeb96e4636968fb32c8f3c\` FOREIGN KEY (\`course_code\`) REFERENCES \`lrn_course\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`lrn_offering\`
            ADD CONSTRAINT \`FK_81a9e4b50c00125c9c9ed29c13a\` FOREIGN KEY (\`course_code\`) REFERENCES \`lrn_course\`(\`code\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE \`ref_member_state_input\`
            ADD CONSTRAINT \`FK_00f46699d981241e1efc383c234\` FOREIGN KEY (\`iso3\`) REFERENCES \`dim_member_state\`(\`iso3\`) ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE \`ref_member_state_input\` DROP FOREIGN KEY \`FK_00f46699d981241e1efc383c234\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`lrn_offering\` DROP FOREIGN KEY \`FK_81a9e4b50c00125c9c9ed29c13a\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`lrn_enrolment\` DROP FOREIGN KEY \`FK_64c4ddeb96e4636968fb32c8f3c\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_job_opening\` DROP FOREIGN KEY \`FK_8f8b3a4c8b85d4ddf6fbe554a82\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_job_opening\` DROP FOREIGN KEY \`FK_9d6bcf4d2ad9b58cff0e4877b1e\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_job_opening\` DROP FOREIGN KEY \`FK_afc74a2465bdde6cfa52ab1ee09\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_staff_year\` DROP FOREIGN KEY \`FK_47bb8a7a529704be03d3913a083\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_staff_year\` DROP FOREIGN KEY \`FK_fd9ceee72d825eec8c907142d6a\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_staff_year\` DROP FOREIGN KEY \`FK_e1cbf9810e507e013c46882db9d\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_staff_year\` DROP FOREIGN KEY \`FK_f02e3b464669ad5d1025182ba7a\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`ind_observation\` DROP FOREIGN KEY \`FK_1f0fcf090292eaf39d0ad2d473e\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`eng_answer\` DROP FOREIGN KEY \`FK_188925c26269d811c2ae272fd48\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`eng_answer\` DROP FOREIGN KEY \`FK_e3549e90a69c8609b88532f08ee\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`eng_respondent\` DROP FOREIGN KEY \`FK_4c9502d3e9da7f20e43a6b60bc0\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`eng_respondent\` DROP FOREIGN KEY \`FK_41ac085f636589c8a34d819a2e0\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`eng_question\` DROP FOREIGN KEY \`FK_06a9098072df1712473cf55b583\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`cond_measure\` DROP FOREIGN KEY \`FK_9ca723d63075759433a25c98a3a\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`cond_measure\` DROP FOREIGN KEY \`FK_96ff6c9da4b0fa0c3ef7d94976f\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`cond_case\` DROP FOREIGN KEY \`FK_7034887b1eb6dc6ed828df8478d\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_eng_answer_question\` ON \`eng_answer\`
        `);
    }

}
