import { MigrationInterface, QueryRunner } from "typeorm";

export class Indicators1795498348427 implements MigrationInterface {
    name = 'Indicators1795498348427'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`ind_observation\` (
                \`indicator_code\` varchar(96) NOT NULL,
                \`period\` varchar(16) NOT NULL,
                \`document\` varchar(32) NOT NULL,
                \`value\` double NOT NULL,
                \`qualifier\` varchar(16) NOT NULL,
                \`derived\` tinyint NOT NULL,
                \`derivation\` varchar(512) NULL,
                \`paragraph\` varchar(16) NOT NULL,
                \`quote\` varchar(255) NOT NULL,
                PRIMARY KEY (\`indicator_code\`, \`period\`, \`document\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`ind_indicator\` (
                \`code\` varchar(96) NOT NULL,
                \`name\` varchar(255) NOT NULL,
                \`description\` text NOT NULL,
                \`outcome\` varchar(16) NOT NULL,
                \`subject\` varchar(48) NOT NULL,
                \`unit\` varchar(24) NOT NULL,
                \`target_min\` double NULL,
                \`target_max\` double NULL,
                \`target_year\` int NULL,
                \`target_source\` varchar(255) NULL,
                \`baseline_period\` varchar(16) NULL,
                \`baseline_value\` double NULL,
                INDEX \`ix_ind_indicator_outcome\` (\`outcome\`),
                PRIMARY KEY (\`code\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`ix_ind_indicator_outcome\` ON \`ind_indicator\`
        `);
        await queryRunner.query(`
            DROP TABLE \`ind_indicator\`
        `);
        await queryRunner.query(`
            DROP TABLE \`ind_observation\`
        `);
    }

}
