import { MigrationInterface, QueryRunner } from "typeorm";

export class StaffRecordsOrder1796591686768 implements MigrationInterface {
    name = 'StaffRecordsOrder1796591686768'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "ix_staff_year_year_staff" ON "fact_staff_year" ("year", "staff_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "ix_staff_year_year_staff"
        `);
    }

}
