import { MigrationInterface, QueryRunner } from "typeorm";

export class DatasetVersions1795546726279 implements MigrationInterface {
    name = 'DatasetVersions1795546726279'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "dataset_version" (
                "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
                "dataset" varchar(64) NOT NULL,
                "version" integer NOT NULL,
                "importer" varchar(64) NOT NULL,
                "operation" varchar(16) NOT NULL,
                "synthetic" boolean NOT NULL,
                "seed" varchar(64),
                "scale" double,
                "file_name" varchar(255),
                "checksum" varchar(64) NOT NULL,
                "rows_in" integer NOT NULL,
                "inserted" integer NOT NULL,
                "updated" integer NOT NULL,
                "unchanged" integer NOT NULL,
                "rejected" integer NOT NULL,
                "row_count" integer NOT NULL,
                "loaded_at" varchar(32) NOT NULL
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "ux_dataset_version_part" ON "dataset_version" ("dataset", "version", "importer")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "ux_dataset_version_part"
        `);
        await queryRunner.query(`
            DROP TABLE "dataset_version"
        `);
    }

}
