import { column, entityDimensions, enumType } from '../../dimensions';
import {
  defineFact,
  type CountDefinition,
  type DimensionDefinition,
  count,
  mean,
  share,
} from '../../shared/facts';
import {
  DisabilityIdentification,
  DutyStationType,
  GradeBand,
  RespondentAgeBand,
  RespondentGender,
} from './engagement.enums';
import { ENGAGEMENT_GROUPING_SETS } from './engagement.rollup';
import { waveDimension } from './participants.fact';
import { RollupRow } from './rollup.entity';
import { columnsOf } from '../../db/entity-tables';

/** Respondent dimensions, each needing its grouping-set member (its column is null in other sets). */
function member<K extends string>(
  setMember: string,
  dimensions: Record<K, DimensionDefinition>,
): Record<K, DimensionDefinition> {
  const result = { ...dimensions };
  for (const key of Object.keys(result) as K[])
    // keys of the record just copied
    result[key] = { ...result[key], groupingSetMembers: [setMember] };
  return result;
}

const VALUES = [1, 2, 3, 4, 5] as const;
type Value = (typeof VALUES)[number];

const f = columnsOf(RollupRow);

/**
 * Every survey result rests on its respondents, as survey tools report it: shown for a group of
 * at least the threshold of respondents (true and perturbed) that no shown group differs from by
 * fewer, whatever the number of answers of one value (a share is a share of the group's answers).
 */
const ON_RESPONDENTS = ['respondents'] as const;
const answered = (values: readonly Value[]): CountDefinition => ({
  sum: () => values.map((v) => f[`n${v}`]).join(' + '),
  keySum: () => values.map((v) => f[`k${v}`]).join(' + '),
});

/**
 * The staff engagement survey, answered from its rollups (never from the answers): respondents,
 * favourable (4-5), neutral (3) and unfavourable (1-2) shares of the answers, their mean and the
 * distribution, for a wave, by question or question dimension (index) and by up to two respondent
 * characteristics. A wave is a snapshot, so cells are never summed across waves.
 */
export const ENGAGEMENT = defineFact({
  name: 'engagement',
  typeName: 'Engagement',
  description: 'Staff engagement survey results (answers on a 1-5 scale; 4-5 favourable).',
  entity: RollupRow,
  preAggregations: { groupingSets: ENGAGEMENT_GROUPING_SETS },
  kind: 'stock',
  period: 'WAVE',
  periodArgument: 'wave',
  entityDimension: 'ENTITY',
  threshold: 10,
  // Answers were given on a promise of anonymity: no role sees them exact.
  exactFor: [],
  unitCount: 'respondents',
  nestedUnder: ['ENTITY'],
  wrapCells: true,
  dimensions: {
    ...waveDimension(f.wave),
    QUESTION: {
      ...column(f.questionCode, {
        field: 'questionCode',
        description: 'Question code',
        filter: 'questionCodes',
      }),
      groupingSetMembers: ['question', 'questionDimension'],
      // Questions classify the answers, not who gave them.
      unitAttribute: false,
    },
    QUESTION_DIMENSION: {
      ...column(f.questionDimension, {
        field: 'questionDimension',
        description: 'Dimension (index) of the questions',
        filter: 'questionDimensions',
      }),
      groupingSetMembers: ['questionDimension'],
      unitAttribute: false,
    },
    ...member('entity', entityDimensions(f.entityCode)),
    ...member('gradeBand', {
      GRADE_BAND: column(f.gradeBand, {
        field: 'gradeBand',
        description: 'Grade band of the respondent',
        type: enumType(GradeBand),
        filter: 'gradeBands',
      }),
    }),
    ...member('gender', {
      GENDER: column(f.gender, {
        field: 'gender',
        description: 'Gender of the respondent',
        type: enumType(RespondentGender),
        filter: 'genders',
      }),
    }),
    ...member('ageBand', {
      AGE_BAND: column(f.ageBand, {
        field: 'ageBand',
        description: 'Age band of the respondent',
        type: enumType(RespondentAgeBand),
        filter: 'ageBands',
      }),
    }),
    ...member('disability', {
      DISABILITY: column(f.disability, {
        field: 'disability',
        description: 'Self-identification with a disability',
        type: enumType(DisabilityIdentification),
        filter: 'disability',
      }),
    }),
    ...member('dutyStationType', {
      DUTY_STATION_TYPE: column(f.dutyStationType, {
        field: 'dutyStationType',
        description: 'Type of duty station of the respondent',
        type: enumType(DutyStationType),
        filter: 'dutyStationTypes',
      }),
    }),
  },
  counts: {
    respondents: { sum: () => f.respondents, keySum: () => f.respondentsKey },
    answers: answered(VALUES),
    favourable: answered([4, 5]),
    neutral: answered([3]),
    unfavourable: answered([1, 2]),
    ...Object.fromEntries(VALUES.map((v) => [`value${v}`, answered([v])])),
  },
  magnitudes: {
    valueSum: {
      sql: () => VALUES.map((v) => `${v} * ${f[`n${v}`]}`).join(' + '),
      of: 'answers',
      scale: 2,
    },
  },
  measures: {
    respondents: {
      type: 'int',
      description: 'Respondents in the cell (who answered at least one of its questions).',
      compute: count('respondents'),
    },
    answers: {
      type: 'int',
      description: 'Answers counted.',
      compute: count('answers'),
      restsOn: ON_RESPONDENTS,
    },
    favourable: {
      type: 'float',
      description: 'Favourable answers (4 or 5) as a percentage of the answers (0-100).',
      compute: share('favourable', 'answers'),
      restsOn: ON_RESPONDENTS,
    },
    neutral: {
      type: 'float',
      description: 'Neutral answers (3) as a percentage of the answers.',
      compute: share('neutral', 'answers'),
      restsOn: ON_RESPONDENTS,
    },
    unfavourable: {
      type: 'float',
      description: 'Unfavourable answers (1 or 2) as a percentage of the answers.',
      compute: share('unfavourable', 'answers'),
      restsOn: ON_RESPONDENTS,
    },
    mean: {
      type: 'float',
      description: 'Mean answer (1-5).',
      compute: mean('valueSum', 'answers'),
      restsOn: ON_RESPONDENTS,
    },
    ...distribution(),
  },
});

/** valueNShare: the percentage of answers that were N. */
function distribution() {
  return Object.fromEntries(
    VALUES.map((v) => [
      `value${v}Share`,
      {
        type: 'float' as const,
        description: `Answers of ${v} as a percentage of the answers.`,
        compute: share(`value${v}`, 'answers'),
        restsOn: ON_RESPONDENTS,
      },
    ]),
  );
}
