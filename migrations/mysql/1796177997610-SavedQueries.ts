import { MigrationInterface, QueryRunner } from "typeorm";

export class SavedQueries1796177997610 implements MigrationInterface {
    name = 'SavedQueries1796177997610'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`saved_query\` (
                \`name\` varchar(64) NOT NULL,
                \`description\` varchar(1000) NOT NULL,
                \`document\` text NOT NULL,
                \`registered_by\` varchar(200) NULL,
                \`registered_at\` varchar(32) NOT NULL,
                PRIMARY KEY (\`name\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE \`saved_query\`
        `);
    }

}
