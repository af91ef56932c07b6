import { MigrationInterface, QueryRunner } from "typeorm";

export class Conduct1796166226779 implements MigrationInterface {
    name = 'Conduct1796166226779'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`cond_case\` (
                \`case_id\` varchar(24) NOT NULL,
                \`entity_code\` varchar(32) NOT NULL,
                \`received_on\` date NOT NULL,
                \`closed_on\` date NULL,
                \`category\` varchar(40) NOT NULL,
                \`status\` varchar(8) NOT NULL,
                \`outcome\` varchar(32) NULL,
                \`referral_source\` varchar(16) NOT NULL,
                \`record_key\` smallint NOT NULL,
                INDEX \`ix_cond_case_received\` (\`received_on\`, \`entity_code\`),
                PRIMARY KEY (\`case_id\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`cond_measure\` (
                \`measure_id\` varchar(24) NOT NULL,
                \`case_id\` varchar(24) NOT NULL,
                \`entity_code\` varchar(32) NOT NULL,
                \`imposed_on\` date NOT NULL,
                \`measure_type\` varchar(32) NOT NULL,
                \`record_key\` smallint NOT NULL,
                INDEX \`ix_cond_measure_case\` (\`case_id\`),
                INDEX \`ix_cond_measure_imposed\` (\`imposed_on\`, \`entity_code\`),
                PRIMARY KEY (\`measure_id\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`ix_cond_measure_imposed\` ON \`cond_measure\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_cond_measure_case\` ON \`cond_measure\`
        `);
        await queryRunner.query(`
            DROP TABLE \`cond_measure\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_cond_case_received\` ON \`cond_case\`
        `);
        await queryRunner.query(`
            DROP TABLE \`cond_case\`
        `);
    }

}
