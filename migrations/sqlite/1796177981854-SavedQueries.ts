import { MigrationInterface, QueryRunner } from "typeorm";

export class SavedQueries1796177981854 implements MigrationInterface {
    name = 'SavedQueries1796177981854'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "saved_query" (
                "name" varchar(64) PRIMARY KEY NOT NULL,
                "description" varchar(1000) NOT NULL,
                "document" text NOT NULL,
                "registered_by" varchar(200),
                "registered_at" varchar(32) NOT NULL
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "saved_query"
        `);
    }

}
