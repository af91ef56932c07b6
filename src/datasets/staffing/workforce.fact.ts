import { registerEnumType } from 'type-graphql';
import {
  BOOLEAN,
  column,
  dutyStationDimensions,
  entityDimensions,
  enumType,
  gradeDimensions,
  nationalityDimensions,
  yearDimension,
} from '../../dimensions';
import { defineFact, count, mean, share } from '../../shared/facts';
import { columnsOf } from '../../db/entity-tables';
import { ContractType, Gender, StaffYear } from './staff-year.entity';

const f = columnsOf(StaffYear);

export enum AgeBand {
  UNDER_30 = 'UNDER_30',
  AGE_30_39 = 'AGE_30_39',
  AGE_40_49 = 'AGE_40_49',
  AGE_50_59 = 'AGE_50_59',
  AGE_60_PLUS = 'AGE_60_PLUS',
}
registerEnumType(AgeBand, { name: 'AgeBand', description: 'Age at 31 December.' });

/** Age at 31 December, in the bands the Secretariat's demographic reports use. */
const AGE_BAND_SQL =
  `CASE WHEN ${f.year} - ${f.birthYear} < 30 THEN 'UNDER_30' WHEN ${f.year} - ${f.birthYear} < 40 THEN 'AGE_30_39' ` +
  `WHEN ${f.year} - ${f.birthYear} < 50 THEN 'AGE_40_49' WHEN ${f.year} - ${f.birthYear} < 60 THEN 'AGE_50_59' ` +
  "ELSE 'AGE_60_PLUS' END";

/** Staff at 31 December of each year: a stock. */
export const WORKFORCE = defineFact({
  name: 'workforce',
  typeName: 'Workforce',
  description: 'Staff at 31 December.',
  entity: StaffYear,
  kind: 'stock',
  period: 'YEAR',
  periodArgument: 'year',
  entityDimension: 'ENTITY',
  threshold: 5,
  unitCount: 'staff',
  nestedUnder: ['ENTITY', 'DUTY_STATION', 'NATIONALITY'],
  // Entity dashboards, duty stations, grade and gender profiles (grade categories are joined on
  // the grade), the finer staffing breakdowns; nationality and age bands read the fact table.
  // Rows at scale 1 (252,000 staff-years): 585, 1,639, 18,086 and 43,948.
  preAggregations: {
    summaries: [
      ['YEAR', 'ENTITY'],
      ['YEAR', 'ENTITY', 'DUTY_STATION'],
      ['YEAR', 'ENTITY', 'GRADE', 'GENDER'],
      ['YEAR', 'ENTITY', 'GRADE', 'GENDER', 'CONTRACT_TYPE', 'GEOGRAPHICAL', 'YPP'],
    ],
  },
  dimensions: {
    ...yearDimension(() => f.year, 'Year (staff as at 31 December)'),
    ...entityDimensions(f.entityCode),
    ...dutyStationDimensions(f.dutyStationCode),
    ...gradeDimensions(f.gradeCode),
    GENDER: column(f.gender, {
      field: 'gender',
      description: 'Gender',
      type: enumType(Gender),
      filter: 'genders',
    }),
    ...nationalityDimensions(f.nationalityIso3),
    CONTRACT_TYPE: column(f.contractType, {
      field: 'contractType',
      description: 'Type of appointment',
      type: enumType(ContractType),
      filter: 'contractTypes',
    }),
    AGE_BAND: column(AGE_BAND_SQL, {
      field: 'ageBand',
      description: 'Age band at 31 December',
      type: enumType(AgeBand),
      filter: 'ageBands',
    }),
    GEOGRAPHICAL: column(f.geographical, {
      field: 'geographical',
      description: 'In a post subject to geographical distribution',
      type: BOOLEAN,
      filter: 'geographical',
    }),
    YPP: column(f.ypp, {
      field: 'ypp',
      description: 'Recruited through the Young Professionals Programme',
      type: BOOLEAN,
      filter: 'ypp',
    }),
  },
  counts: {
    staff: {},
    women: { where: () => `${f.gender} = 'F'` },
    men: { where: () => `${f.gender} = 'M'` },
    geographical: { where: () => f.geographical },
    ypp: { where: () => f.ypp },
  },
  magnitudes: {
    ageSum: { sql: () => `${f.year} - ${f.birthYear}`, of: 'staff', scale: 20 },
  },
  measures: {
    headcount: { type: 'int', description: 'Staff at 31 December.', compute: count('staff') },
    women: { type: 'int', description: 'Women among them.', compute: count('women') },
    men: { type: 'int', description: 'Men among them.', compute: count('men') },
    womenShare: {
      type: 'float',
      description: 'Women as a percentage of the headcount (0-100).',
      compute: share('women', 'staff'),
    },
    averageAge: {
      type: 'float',
      description: 'Mean age at 31 December, in years.',
      compute: mean('ageSum', 'staff'),
    },
    geographicalStaff: {
      type: 'int',
      description: 'Staff in posts subject to geographical distribution.',
      compute: count('geographical'),
    },
    yppStaff: {
      type: 'int',
      description: 'Staff recruited through the Young Professionals Programme.',
      compute: count('ypp'),
    },
  },
});
