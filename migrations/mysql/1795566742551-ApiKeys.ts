import { MigrationInterface, QueryRunner } from "typeorm";

export class ApiKeys1795566742551 implements MigrationInterface {
    name = 'ApiKeys1795566742551'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`api_key\` (
                \`id\` varchar(16) NOT NULL,
                \`secret_sha256\` varchar(64) NOT NULL,
                \`role\` varchar(16) NOT NULL,
                \`entity_scope\` varchar(1000) NULL,
                \`label\` varchar(100) NOT NULL,
                \`created_at\` varchar(32) NOT NULL,
                \`last_used_at\` varchar(32) NULL,
                \`expires_at\` varchar(32) NULL,
                \`revoked_at\` varchar(32) NULL,
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE \`api_key\`
        `);
    }

}
