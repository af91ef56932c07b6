import { MigrationInterface, QueryRunner } from "typeorm";

export class SavedQueryOwners1796264000000 implements MigrationInterface {
    name = 'SavedQueryOwners1796264000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE \`saved_query\`
            ADD \`owner_scope\` varchar(2000) NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE \`saved_query\` DROP COLUMN \`owner_scope\`
        `);
    }

}
