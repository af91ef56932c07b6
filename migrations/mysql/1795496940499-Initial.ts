import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795496940499 implements MigrationInterface {
    name = 'Initial1795496940499'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE \`dim_duty_station\` (
                \`code\` varchar(48) NOT NULL,
                \`name\` varchar(128) NOT NULL,
                \`country_iso3\` varchar(3) NOT NULL,
                \`country_name\` varchar(128) NOT NULL,
                \`region\` varchar(32) NOT NULL,
                \`hardship_class\` varchar(1) NOT NULL,
                \`family\` tinyint NOT NULL,
                \`reference_staff_2019\` int NULL,
                INDEX \`ix_dim_duty_station_country\` (\`country_iso3\`),
                PRIMARY KEY (\`code\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`dim_entity\` (
                \`code\` varchar(32) NOT NULL,
                \`name\` varchar(255) NOT NULL,
                \`kind\` varchar(40) NOT NULL,
                \`parent_code\` varchar(32) NULL,
                INDEX \`ix_dim_entity_kind\` (\`kind\`),
                PRIMARY KEY (\`code\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`dim_grade\` (
                \`code\` varchar(8) NOT NULL,
                \`category\` varchar(40) NOT NULL,
                \`sort_order\` int NOT NULL,
                PRIMARY KEY (\`code\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`dim_member_state\` (
                \`iso3\` varchar(3) NOT NULL,
                \`name\` varchar(128) NOT NULL,
                \`regional_group\` varchar(64) NOT NULL,
                \`region\` varchar(32) NOT NULL,
                \`subregion\` varchar(64) NOT NULL,
                PRIMARY KEY (\`iso3\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`fact_staff_year\` (
                \`staff_id\` varchar(16) NOT NULL,
                \`year\` int NOT NULL,
                \`entity_code\` varchar(32) NOT NULL,
                \`duty_station_code\` varchar(48) NOT NULL,
                \`grade_code\` varchar(8) NOT NULL,
                \`gender\` varchar(1) NOT NULL,
                \`nationality_iso3\` varchar(3) NOT NULL,
                \`birth_year\` int NOT NULL,
                \`contract_type\` varchar(16) NOT NULL,
                \`geographical\` tinyint NOT NULL,
                \`ypp\` tinyint NOT NULL,
                INDEX \`ix_staff_year_nationality\` (\`nationality_iso3\`),
                INDEX \`ix_staff_year_year_grade\` (\`year\`, \`grade_code\`),
                INDEX \`ix_staff_year_year_entity\` (\`year\`, \`entity_code\`),
                PRIMARY KEY (\`staff_id\`, \`year\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
        await queryRunner.query(`
            CREATE TABLE \`fact_job_opening\` (
                \`job_opening_id\` varchar(24) NOT NULL,
                \`entity_code\` varchar(32) NOT NULL,
                \`grade_code\` varchar(8) NOT NULL,
                \`duty_station_code\` varchar(48) NOT NULL,
                \`posted_on\` date NOT NULL,
                \`deadline_on\` date NOT NULL,
                \`assessed_on\` date NULL,
                \`interviewed_on\` date NULL,
                \`endorsed_on\` date NULL,
                \`selected_on\` date NULL,
                \`applicants_total\` int NOT NULL,
                \`applicants_women\` int NOT NULL,
                \`roster_based\` tinyint NOT NULL,
                \`selected_gender\` varchar(1) NULL,
                INDEX \`ix_job_opening_selected\` (\`selected_on\`),
                INDEX \`ix_job_opening_entity\` (\`entity_code\`),
                PRIMARY KEY (\`job_opening_id\`)
            ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX \`ix_job_opening_entity\` ON \`fact_job_opening\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_job_opening_selected\` ON \`fact_job_opening\`
        `);
        await queryRunner.query(`
            DROP TABLE \`fact_job_opening\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_staff_year_year_entity\` ON \`fact_staff_year\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_staff_year_year_grade\` ON \`fact_staff_year\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_staff_year_nationality\` ON \`fact_staff_year\`
        `);
        await queryRunner.query(`
            DROP TABLE \`fact_staff_year\`
        `);
        await queryRunner.query(`
            DROP TABLE \`dim_member_state\`
        `);
        await queryRunner.query(`
            DROP TABLE \`dim_grade\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_dim_entity_kind\` ON \`dim_entity\`
        `);
        await queryRunner.query(`
            DROP TABLE \`dim_entity\`
        `);
        await queryRunner.query(`
            DROP INDEX \`ix_dim_duty_station_country\` ON \`dim_duty_station\`
        `);
        await queryRunner.query(`
            DROP TABLE \`dim_duty_station\`
        `);
    }

}
