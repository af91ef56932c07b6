import { MigrationInterface, QueryRunner } from "typeorm";

export class Engagement1795551327131 implements MigrationInterface {
    name = 'Engagement1795551327131'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`eng_answer\` (
                \`wave\` int NOT NULL,
                \`respondent_id\` varchar(16) NOT NULL,
                \`question_code\` varchar(16) NOT NULL,
                \`value\` smallint NOT NULL,
                PRIMARY KEY (\`wave\`, \`respondent_id\`, \`question_code\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`eng_question\` (
                \`wave\` int NOT NULL,
                \`code\` varchar(16) NOT NULL,
                \`text\` varchar(255) NOT NULL,
                \`dimension\` varchar(48) NOT NULL,
                PRIMARY KEY (\`wave\`, \`code\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`eng_respondent\` (
                \`wave\` int NOT NULL,
                \`respondent_id\` varchar(16) NOT NULL,
                \`entity_code\` varchar(32) NOT NULL,
                \`grade_band\` varchar(24) NOT NULL,
                \`gender\` varchar(16) NOT NULL,
                \`age_band\` varchar(16) NOT NULL,
                \`disability\` tinyint NULL,
                \`duty_station_type\` varchar(32) NOT NULL,
                \`record_key\` smallint NOT NULL DEFAULT '0',
                PRIMARY KEY (\`wave\`, \`respondent_id\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`eng_rollup\` (
                \`id\` int NOT NULL AUTO_INCREMENT,
                \`wave\` int NOT NULL,
                \`grouping_set\` int NOT NULL,
                \`question_code\` varchar(16) NULL,
                \`question_dimension\` varchar(48) NULL,
                \`entity_code\` varchar(32) NULL,
                \`grade_band\` varchar(24) NULL,
                \`gender\` varchar(16) NULL,
                \`age_band\` varchar(16) NULL,
                \`disability\` varchar(16) NULL,
                \`duty_station_type\` varchar(32) NULL,
                \`respondents\` int NOT NULL,
                \`respondents_key\` int NOT NULL,
                \`n1\` int NOT NULL,
                \`n2\` int NOT NULL,
                \`n3\` int NOT NULL,
                \`n4\` int NOT NULL,
                \`n5\` int NOT NULL,
                \`k1\` int NOT NULL,
                \`k2\` int NOT NULL,
                \`k3\` int NOT NULL,
                \`k4\` int NOT NULL,
                \`k5\` int NOT NULL,
                INDEX \`ix_eng_rollup_set\` (\`wave\`, \`grouping_set\`, \`question_code\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`eng_wave\` (
                \`year\` int NOT NULL,
                \`invited\` int NOT NULL,
                PRIMARY KEY (\`year\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE \`eng_wave\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_eng_rollup_set\` ON \`eng_rollup\`
        `);
        await queryRunner.query(`
            DROP TABLE \`eng_rollup\`
        `);
        await queryRunner.query(`
            DROP TABLE \`eng_respondent\`
        `);
        await queryRunner.query(`
            DROP TABLE \`eng_question\`
        `);
        await queryRunner.query(`
            DROP TABLE \`eng_answer\`
        `);
    }

}
