import { MigrationInterface, QueryRunner } from "typeorm";

export class Representation1795499012405 implements MigrationInterface {
    name = 'Representation1795499012405'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`ref_member_state_input\` (
                \`iso3\` varchar(3) NOT NULL,
                \`year\` int NOT NULL,
                \`assessment_rate\` double NOT NULL,
                \`population\` double NOT NULL,
                \`source\` varchar(255) NOT NULL,
                PRIMARY KEY (\`iso3\`, \`year\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`ref_range_parameters\` (
                \`year\` int NOT NULL,
                \`base_figure\` int NULL,
                \`membership_weight\` double NOT NULL,
                \`population_weight\` double NOT NULL,
                \`contribution_weight\` double NOT NULL,
                \`flexibility\` double NOT NULL,
                \`min_half_width\` double NOT NULL,
                \`min_upper_limit\` double NOT NULL,
                \`source\` varchar(255) NOT NULL,
                PRIMARY KEY (\`year\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE \`ref_range_parameters\`
        `);
        await queryRunner.query(`
            DROP TABLE \`ref_member_state_input\`
        `);
    }

}
