import { type DatasetImporter, csv, checkReference, ReferenceCache } from '../shared/import';
import { DutyStation, HardshipClass } from './duty-station/duty-station.entity';
import { EntityKind, SecretariatEntity } from './entity/secretariat-entity.entity';
import { Grade, GradeCategory } from './grade/grade.entity';
import { MemberState } from './member-state/member-state.entity';

export const ENTITIES_IMPORTER: DatasetImporter<SecretariatEntity> = {
  name: 'entities',
  description: 'Secretariat entities (dimension).',
  target: SecretariatEntity,
  key: ['code'],
  columns: {
    code: {
      property: 'code',
      schema: csv.code(32),
      description: 'Entity code, natural key',
      example: 'DESA',
    },
    name: {
      property: 'name',
      schema: csv.string(255),
      description: 'Full name',
      example: 'Department of Economic and Social Affairs',
    },
    kind: {
      property: 'kind',
      schema: csv.enumOf(Object.values(EntityKind)),
      description: 'EntityKind',
      example: 'DEPARTMENT',
    },
    parent_code: {
      property: 'parentCode',
      schema: csv.optional(csv.code(32)),
      description: 'Parent entity code (optional)',
      example: '',
    },
  },
  async check(db, rows) {
    // A parent may be another row of the same chunk or an entity already stored, also by an
    // earlier chunk of this file: the stored keys are read afresh, not from the load's cache.
    const inFile = new Set(rows.map((row) => row.value.code));
    const missing = rows.filter((row) => row.value.parentCode && !inFile.has(row.value.parentCode));
    return checkReference(
      db,
      new ReferenceCache(),
      missing,
      'parent_code',
      ENTITIES_IMPORTER.columns.parent_code,
      SecretariatEntity,
      'code',
      'entity',
    );
  },
};

export const DUTY_STATIONS_IMPORTER: DatasetImporter<DutyStation> = {
  name: 'duty-stations',
  description: 'Duty stations (dimension).',
  target: DutyStation,
  key: ['code'],
  columns: {
    code: {
      property: 'code',
      schema: csv.code(48),
      description: 'Duty station code, natural key',
      example: 'NEW_YORK',
    },
    name: { property: 'name', schema: csv.string(128), description: 'Name', example: 'New York' },
    country_iso3: {
      property: 'countryIso3',
      schema: csv.iso3(),
      description: 'ISO3 code of the country or territory',
      example: 'USA',
    },
    country_name: {
      property: 'countryName',
      schema: csv.string(128),
      description: 'Country name',
      example: 'United States of America',
    },
    region: {
      property: 'region',
      schema: csv.string(32),
      description: 'Region',
      example: 'Americas',
    },
    hardship_class: {
      property: 'hardshipClass',
      schema: csv.enumOf(Object.values(HardshipClass)),
      description: 'H, A, B, C, D or E',
      example: 'H',
    },
    family: {
      property: 'family',
      schema: csv.bool(),
      description: 'Family duty station (true/false)',
      example: 'true',
    },
    reference_staff_2019: {
      property: 'referenceStaff2019',
      schema: csv.optional(csv.int(0, 1_000_000)),
      description: 'Staff on 31 Dec 2019 (optional)',
      example: '6287',
    },
  },
};

export const MEMBER_STATES_IMPORTER: DatasetImporter<MemberState> = {
  name: 'member-states',
  description: 'United Nations member states (dimension).',
  target: MemberState,
  key: ['iso3'],
  columns: {
    iso3: {
      property: 'iso3',
      schema: csv.iso3(),
      description: 'ISO 3166-1 alpha-3, natural key',
      example: 'KEN',
    },
    name: { property: 'name', schema: csv.string(128), description: 'Name', example: 'Kenya' },
    regional_group: {
      property: 'regionalGroup',
      schema: csv.string(64),
      description: 'UN regional group',
      example: 'African Group',
    },
    region: {
      property: 'region',
      schema: csv.string(32),
      description: 'M49 region',
      example: 'Africa',
    },
    subregion: {
      property: 'subregion',
      schema: csv.string(64),
      description: 'M49 sub-region',
      example: 'Eastern Africa',
    },
  },
};

export const GRADES_IMPORTER: DatasetImporter<Grade> = {
  name: 'grades',
  description: 'Grade levels (dimension).',
  target: Grade,
  key: ['code'],
  columns: {
    code: {
      property: 'code',
      schema: csv.code(8),
      description: 'Grade code, natural key',
      example: 'P-4',
    },
    category: {
      property: 'category',
      schema: csv.enumOf(Object.values(GradeCategory)),
      description: 'GradeCategory',
      example: 'PROFESSIONAL_AND_HIGHER',
    },
    order: {
      property: 'order',
      schema: csv.int(1, 100),
      description: 'Seniority order, 1 = most senior',
      example: '7',
    },
  },
};
