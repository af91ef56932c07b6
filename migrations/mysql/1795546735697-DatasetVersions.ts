import { MigrationInterface, QueryRunner } from "typeorm";

export class DatasetVersions1795546735697 implements MigrationInterface {
    name = 'DatasetVersions1795546735697'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`dataset_version\` (
                \`id\` int NOT NULL AUTO_INCREMENT,
                \`dataset\` varchar(64) NOT NULL,
                \`version\` int NOT NULL,
                \`importer\` varchar(64) NOT NULL,
                \`operation\` varchar(16) NOT NULL,
                \`synthetic\` tinyint NOT NULL,
                \`seed\` varchar(64) NULL,
                \`scale\` double NULL,
                \`file_name\` varchar(255) NULL,
                \`checksum\` varchar(64) NOT NULL,
                \`rows_in\` int NOT NULL,
                \`inserted\` int NOT NULL,
                \`updated\` int NOT NULL,
                \`unchanged\` int NOT NULL,
                \`rejected\` int NOT NULL,
                \`row_count\` int NOT NULL,
                \`loaded_at\` varchar(32) NOT NULL,
                UNIQUE INDEX \`ux_dataset_version_part\` (\`dataset\`, \`version\`, \`importer\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`ux_dataset_version_part\` ON \`dataset_version\`
        `);
        await queryRunner.query(`
            DROP TABLE \`dataset_version\`
        `);
    }

}
