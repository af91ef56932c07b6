import { MigrationInterface, QueryRunner } from "typeorm";

export class RecordKeys1795548793031 implements MigrationInterface {
    name = 'RecordKeys1795548793031'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE \`fact_staff_year\`
            ADD \`record_key\` smallint NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_job_opening\`
            ADD \`record_key\` smallint NOT NULL DEFAULT '0'
        `);
        // Rows loaded before record keys existed get a random permanent key; loads from now on
        // derive each unit's key from its natural key (src/shared/disclosure/record-key.ts).
        await queryRunner.query(`UPDATE \`fact_staff_year\` SET \`record_key\` = FLOOR(RAND() * 256)`);
        await queryRunner.query(`UPDATE \`fact_job_opening\` SET \`record_key\` = FLOOR(RAND() * 256)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE \`fact_job_opening\` DROP COLUMN \`record_key\`
        `);
        await queryRunner.query(`
            ALTER TABLE \`fact_staff_year\` DROP COLUMN \`record_key\`
        `);
    }

}
