import { MigrationInterface, QueryRunner } from "typeorm";

export class Learning1796168148358 implements MigrationInterface {
    name = 'Learning1796168148358'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`lrn_completion\` (
                \`staff_id\` varchar(16) NOT NULL,
                \`programme\` varchar(32) NOT NULL,
                \`first_year\` smallint NOT NULL,
                INDEX \`ix_lrn_completion_programme\` (\`programme\`, \`staff_id\`, \`first_year\`),
                PRIMARY KEY (\`staff_id\`, \`programme\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`lrn_course\` (
                \`code\` varchar(24) NOT NULL,
                \`programme\` varchar(32) NOT NULL,
                \`title\` varchar(160) NOT NULL,
                \`language\` varchar(16) NULL,
                \`level\` smallint NULL,
                \`delivery\` varchar(16) NOT NULL,
                \`modules\` smallint NOT NULL,
                \`certifies\` tinyint NOT NULL,
                PRIMARY KEY (\`code\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`lrn_enrolment\` (
                \`enrolment_id\` varchar(32) NOT NULL,
                \`staff_id\` varchar(16) NOT NULL,
                \`year\` smallint NOT NULL,
                \`course_code\` varchar(24) NOT NULL,
                \`enrolled_on\` date NOT NULL,
                \`completed_on\` date NULL,
                \`status\` varchar(12) NOT NULL,
                \`certified\` tinyint NOT NULL,
                \`entity_code\` varchar(32) NULL,
                \`grade_code\` varchar(8) NULL,
                \`gender\` varchar(1) NULL,
                \`record_key\` smallint NOT NULL,
                INDEX \`ix_lrn_enrolment_staff\` (\`staff_id\`, \`year\`),
                INDEX \`ix_lrn_enrolment_year\` (\`year\`, \`entity_code\`),
                PRIMARY KEY (\`enrolment_id\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`lrn_offering\` (
                \`offering_id\` varchar(32) NOT NULL,
                \`course_code\` varchar(24) NOT NULL,
                \`year\` smallint NOT NULL,
                \`starts_on\` date NOT NULL,
                INDEX \`ix_lrn_offering_year\` (\`year\`, \`course_code\`),
                PRIMARY KEY (\`offering_id\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`ix_lrn_offering_year\` ON \`lrn_offering\`
        `);
        await queryRunner.query(`
            DROP TABLE \`lrn_offering\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_lrn_enrolment_year\` ON \`lrn_enrolment\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_lrn_enrolment_staff\` ON \`lrn_enrolment\`
        `);
        await queryRunner.query(`
            DROP TABLE \`lrn_enrolment\`
        `);
        await queryRunner.query(`
            DROP TABLE \`lrn_course\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_lrn_completion_programme\` ON \`lrn_completion\`
        `);
        await queryRunner.query(`
            DROP TABLE \`lrn_completion\`
        `);
    }

}
