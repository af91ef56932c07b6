import { MigrationInterface, QueryRunner } from "typeorm";

export class ApiKeys1795566736872 implements MigrationInterface {
    name = 'ApiKeys1795566736872'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "api_key" (
                "id" varchar(16) PRIMARY KEY NOT NULL,
                "secret_sha256" varchar(64) NOT NULL,
                "role" varchar(16) NOT NULL,
                "entity_scope" varchar(1000),
                "label" varchar(100) NOT NULL,
                "created_at" varchar(32) NOT NULL,
                "last_used_at" varchar(32),
                "expires_at" varchar(32),
                "revoked_at" varchar(32)
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "api_key"
        `);
    }

}
