import { column, entityDimensions, enumType, yearOfDateDimension } from '../../dimensions';
import { defineFact, count, evenBins, groupedMedian, mean } from '../../shared/facts';
import type { Dialect } from '../../db/dialect';
import { columnsOf } from '../../db/entity-tables';
import { Role } from '../../shared/auth';
import {
  CaseOutcome,
  CaseStatus,
  DisciplinaryMeasureType,
  MisconductCategory,
  ReferralSource,
  SEPARATING_MEASURES,
} from './conduct.enums';
import { ConductCase } from './conduct-case.entity';
import { DisciplinaryMeasure } from './disciplinary-measure.entity';

const caseColumn = columnsOf(ConductCase);
const measureColumn = columnsOf(DisciplinaryMeasure);

/** What both conduct facts share: yearly flows by entity, exact for the conduct role only. */
const CONDUCT_FACT = {
  kind: 'flow',
  period: 'YEAR',
  periodArgument: 'year',
  entityDimension: 'ENTITY',
  threshold: 5,
  exactFor: [Role.CONDUCT],
  nestedUnder: ['ENTITY'],
} as const;

/** Days to close in weekly bins up to two years, for the median. */
const DAYS_TO_CLOSE_BINS = evenBins(7, 728, (days) => `closedWithin${days}`);

/**
 * Conduct and discipline cases, by year received: received, closed (of those received),
 * still open, and median and mean days to close. Exact for the conduct role only; every other role, hr
 * included, sees them perturbed with a threshold of 5 cases.
 */
export const CONDUCT = defineFact({
  name: 'conduct',
  typeName: 'Conduct',
  description: 'Conduct and discipline cases, by year received.',
  entity: ConductCase,
  ...CONDUCT_FACT,
  unitCount: 'received',
  dimensions: {
    ...yearOfDateDimension(caseColumn.receivedOn, 'Year the case was received'),
    ...entityDimensions(caseColumn.entityCode),
    CATEGORY: column(caseColumn.category, {
      field: 'category',
      description: 'Category of the alleged misconduct',
      type: enumType(MisconductCategory),
      filter: 'categories',
    }),
    STATUS: column(caseColumn.status, {
      field: 'status',
      description: 'Open or closed',
      type: enumType(CaseStatus),
      filter: 'statuses',
    }),
    OUTCOME: column(caseColumn.outcome, {
      field: 'outcome',
      description: 'How a closed case ended',
      type: enumType(CaseOutcome),
      filter: 'outcomes',
    }),
    REFERRAL_SOURCE: column(caseColumn.referralSource, {
      field: 'referralSource',
      description: 'Who referred the case',
      type: enumType(ReferralSource),
      filter: 'referralSources',
    }),
  },
  counts: {
    received: {},
    closed: { where: () => `${caseColumn.status} = 'CLOSED'` },
    open: { where: () => `${caseColumn.status} = 'OPEN'` },
    ...Object.fromEntries(
      DAYS_TO_CLOSE_BINS.limits.map((days) => [
        DAYS_TO_CLOSE_BINS.countAtMost(days),
        {
          where: (d: Dialect) =>
            `${caseColumn.status} = 'CLOSED' AND ${d.daysBetween(caseColumn.receivedOn, caseColumn.closedOn)} <= ${days}`,
        },
      ]),
    ),
  },
  magnitudes: {
    daysToClose: {
      sql: (d) => d.daysBetween(caseColumn.receivedOn, caseColumn.closedOn),
      of: 'closed',
      scale: 100,
    },
  },
  measures: {
    received: {
      type: 'int',
      description: 'Cases received in the period.',
      compute: count('received'),
    },
    closed: {
      type: 'int',
      description: 'Of the cases received in the period, those closed.',
      compute: count('closed'),
    },
    open: {
      type: 'int',
      description: 'Of the cases received in the period, those still open.',
      compute: count('open'),
    },
    medianDaysToClose: {
      type: 'float',
      description:
        'Median days from receipt to closure of the closed cases, from weekly bins up to two years (interpolated within the week; null if past two years). Computed from counts, so it is protected as they are.',
      compute: groupedMedian('closed', DAYS_TO_CLOSE_BINS),
      restsOn: ['closed'],
    },
    averageDaysToClose: {
      type: 'float',
      description: 'Mean days from receipt to closure of the closed cases.',
      compute: mean('daysToClose', 'closed'),
    },
  },
});

/**
 * Disciplinary measures imposed (staff rule 10.2 (a)), by year imposed: all measures, those
 * ending employment (separation from service or dismissal), by type. Exact for the conduct
 * role only.
 */
export const DISCIPLINARY_MEASURES = defineFact({
  name: 'disciplinaryMeasures',
  typeName: 'DisciplinaryMeasures',
  description: 'Disciplinary measures imposed (staff rule 10.2 (a)), by year imposed.',
  entity: DisciplinaryMeasure,
  ...CONDUCT_FACT,
  unitCount: 'measures',
  dimensions: {
    ...yearOfDateDimension(measureColumn.imposedOn, 'Year the measure was imposed'),
    ...entityDimensions(measureColumn.entityCode),
    MEASURE_TYPE: column(measureColumn.measureType, {
      field: 'measureType',
      description: 'Disciplinary measure of staff rule 10.2 (a)',
      type: enumType(DisciplinaryMeasureType),
      filter: 'measureTypes',
    }),
  },
  counts: {
    measures: {},
    separations: {
      where: () =>
        `${measureColumn.measureType} IN (${SEPARATING_MEASURES.map((m) => `'${m}'`).join(', ')})`,
    },
  },
  measures: {
    measures: {
      type: 'int',
      description: 'Disciplinary measures imposed in the period.',
      compute: count('measures'),
    },
    separations: {
      type: 'int',
      description: 'Measures ending employment: separation from service or dismissal.',
      compute: count('separations'),
    },
  },
});
