import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795496136854 implements MigrationInterface {
    name = 'Initial1795496136854'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "temporary_dim_member_state" (
                "iso3" varchar(3) PRIMARY KEY NOT NULL,
                "name" varchar(128) NOT NULL,
                "region" varchar(32) NOT NULL,
                "subregion" varchar(64) NOT NULL,
                "regional_group" varchar(64) NOT NULL
            )
        `);
        await queryRunner.query(`
            INSERT INTO "temporary_dim_member_state"("iso3", "name", "region", "subregion")
            SELECT "iso3",
                "name",
                "region",
                "subregion"
            FROM "dim_member_state"
        `);
        await queryRunner.query(`
            DROP TABLE "dim_member_state"
        `);
        await queryRunner.query(`
            ALTER TABLE "temporary_dim_member_state"
                RENAME TO "dim_member_state"
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dim_member_state"
                RENAME TO "temporary_dim_member_state"
        `);
        await queryRunner.query(`
            CREATE TABLE "dim_member_state" (
                "iso3" varchar(3) PRIMARY KEY NOT NULL,
                "name" varchar(128) NOT NULL,
                "region" varchar(32) NOT NULL,
                "subregion" varchar(64) NOT NULL
            )
        `);
        await queryRunner.query(`
            INSERT INTO "dim_member_state"("iso3", "name", "region", "subregion")
            SELECT "iso3",
                "name",
                "region",
                "subregion"
            FROM "temporary_dim_member_state"
        `);
        await queryRunner.query(`
            DROP TABLE "temporary_dim_member_state"
        `);
    }

}
