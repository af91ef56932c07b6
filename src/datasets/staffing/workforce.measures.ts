import type {
  DimensionDefinition,
  FactDefinition,
} from '../../shared/aggregation/aggregate.definition';
import { difference, ratio, total } from '../../shared/aggregation/measures';

export enum WorkforceDimension {
  YEAR = 'YEAR',
  ENTITY = 'ENTITY',
  ENTITY_KIND = 'ENTITY_KIND',
  DUTY_STATION = 'DUTY_STATION',
  DUTY_STATION_COUNTRY = 'DUTY_STATION_COUNTRY',
  HARDSHIP_CLASS = 'HARDSHIP_CLASS',
  GRADE = 'GRADE',
  GRADE_CATEGORY = 'GRADE_CATEGORY',
  GENDER = 'GENDER',
  NATIONALITY = 'NATIONALITY',
  NATIONALITY_REGION = 'NATIONALITY_REGION',
  CONTRACT_TYPE = 'CONTRACT_TYPE',
  AGE_BAND = 'AGE_BAND',
  GEOGRAPHICAL = 'GEOGRAPHICAL',
  YPP = 'YPP',
}

const entityJoin = { table: 'dim_entity', alias: 'e', on: 'e.code = f.entity_code' };
const stationJoin = { table: 'dim_duty_station', alias: 'ds', on: 'ds.code = f.duty_station_code' };
const gradeJoin = { table: 'dim_grade', alias: 'g', on: 'g.code = f.grade_code' };
const nationJoin = { table: 'dim_member_state', alias: 'ms', on: 'ms.iso3 = f.nationality_iso3' };

const column = (
  sql: string,
  field: string,
  type: DimensionDefinition['type'] = 'string',
): DimensionDefinition => ({
  field,
  type,
  sql: () => sql,
});

/** Age at 31 December, in the bands the Secretariat's demographic reports use. */
const AGE_BAND_SQL =
  "CASE WHEN f.year - f.birth_year < 30 THEN 'UNDER_30' WHEN f.year - f.birth_year < 40 THEN 'AGE_30_39' " +
  "WHEN f.year - f.birth_year < 50 THEN 'AGE_40_49' WHEN f.year - f.birth_year < 60 THEN 'AGE_50_59' " +
  "ELSE 'AGE_60_PLUS' END";

/** Staff at 31 December of each year: a stock. */
export const WORKFORCE: FactDefinition<WorkforceDimension> = {
  name: 'workforce',
  table: 'fact_staff_year',
  kind: 'stock',
  periodDimension: WorkforceDimension.YEAR,
  entityColumn: 'f.entity_code',
  minCellSize: 5,
  unitCount: 'staff',
  dimensions: {
    YEAR: column('f.year', 'year', 'int'),
    ENTITY: column('f.entity_code', 'entityCode'),
    ENTITY_KIND: { ...column('e.kind', 'entityKind'), join: entityJoin },
    DUTY_STATION: column('f.duty_station_code', 'dutyStationCode'),
    DUTY_STATION_COUNTRY: { ...column('ds.country_iso3', 'dutyStationCountry'), join: stationJoin },
    HARDSHIP_CLASS: { ...column('ds.hardship_class', 'hardshipClass'), join: stationJoin },
    GRADE: column('f.grade_code', 'gradeCode'),
    GRADE_CATEGORY: { ...column('g.category', 'gradeCategory'), join: gradeJoin },
    GENDER: column('f.gender', 'gender'),
    NATIONALITY: column('f.nationality_iso3', 'nationality'),
    NATIONALITY_REGION: { ...column('ms.region', 'nationalityRegion'), join: nationJoin },
    CONTRACT_TYPE: column('f.contract_type', 'contractType'),
    AGE_BAND: column(AGE_BAND_SQL, 'ageBand'),
    GEOGRAPHICAL: column('f.geographical', 'geographical', 'boolean'),
    YPP: column('f.ypp', 'ypp', 'boolean'),
  },
  aggregates: {
    staff: () => 'COUNT(*)',
    women: () => "SUM(CASE WHEN f.gender = 'F' THEN 1 ELSE 0 END)",
    ageSum: () => 'SUM(f.year - f.birth_year)',
    geographical: (d) => `SUM(${d.boolToInt('f.geographical')})`,
    ypp: (d) => `SUM(${d.boolToInt('f.ypp')})`,
  },
  measures: {
    headcount: { description: 'Staff at 31 December.', compute: total('staff') },
    women: { description: 'Women among them.', compute: total('women') },
    men: { description: 'Men among them.', compute: difference('staff', 'women') },
    womenShare: {
      description: 'Women as a percentage of the headcount.',
      compute: ratio('women', 'staff', 100),
    },
    averageAge: {
      description: 'Mean age at 31 December, in years.',
      compute: ratio('ageSum', 'staff'),
    },
    geographicalStaff: {
      description: 'Staff in posts subject to geographical distribution.',
      compute: total('geographical'),
    },
    yppStaff: {
      description: 'Staff recruited through the Young Professionals Programme.',
      compute: total('ypp'),
    },
  },
};
