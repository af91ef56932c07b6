import { inList } from '../../shared/aggregation';
import { measureByYear, type IndicatorComputation } from '../../shared/indicators';
import { EMPOWERMENT_DIMENSION } from './engagement.calibration';
import { DisabilityIdentification } from './engagement.enums';
import { ENGAGEMENT } from './engagement.fact';
import { PARTICIPANTS } from './participants.fact';

const favourableOn = (code: string) =>
  measureByYear(ENGAGEMENT, inList('QUESTION', [code]), 'favourable');

/** The survey figures of the report, computed from the rollups (every wave of one: one query). */
export const ENGAGEMENT_INDICATORS: readonly IndicatorComputation[] = [
  {
    indicatorCode: 'staff-engagement-survey-participants',
    method: 'engagementWaves.participants: respondents of the wave',
    tolerance: 0,
    compute: measureByYear(PARTICIPANTS, [], 'participants'),
  },
  {
    indicatorCode: 'appraisal-fairness-favourable-share',
    method: 'engagement.favourable, question PM-FAIRNESS, by wave',
    tolerance: 1,
    compute: favourableOn('PM-FAIRNESS'),
  },
  {
    indicatorCode: 'manager-underperformance-confidence-favourable-share',
    method: 'engagement.favourable, question PM-UNDERPERF, by wave',
    tolerance: 1,
    compute: favourableOn('PM-UNDERPERF'),
  },
  {
    indicatorCode: 'staff-survey-disability-self-identification',
    method:
      'engagement.respondents with disability YES as a percentage of those answering YES or NO, by wave',
    tolerance: 0.02,
    async compute(data, wave) {
      const cells = await data.aggregate(
        ENGAGEMENT,
        { groupBy: ['DISABILITY'], where: inList('WAVE', [wave]) },
        { declared: true },
      );
      const respondents = (answer: DisabilityIdentification) =>
        cells.find((c) => c.dimensions.disability === answer)?.measures.respondents ?? null;
      const yes = respondents(DisabilityIdentification.YES);
      const no = respondents(DisabilityIdentification.NO);
      return yes === null || no === null || yes + no === 0 ? null : (yes / (yes + no)) * 100;
    },
  },
  {
    indicatorCode: 'disability-employee-empowerment-satisfaction-gap',
    method: `engagement.favourable on the ${EMPOWERMENT_DIMENSION} dimension: all respondents minus those with a disability (points)`,
    tolerance: 1,
    async compute(data, wave) {
      const where = [
        ...inList('WAVE', [wave]),
        ...inList('QUESTION_DIMENSION', [EMPOWERMENT_DIMENSION]),
      ] as const;
      const [all] = await data.aggregate(ENGAGEMENT, { groupBy: [], where }, { declared: true });
      const byDisability = await data.aggregate(
        ENGAGEMENT,
        { groupBy: ['DISABILITY'], where },
        { declared: true },
      );
      const disabled = byDisability.find(
        (c) => c.dimensions.disability === DisabilityIdentification.YES,
      )?.measures.favourable;
      const average = all?.measures.favourable;
      return average === null ||
        average === undefined ||
        disabled === null ||
        disabled === undefined
        ? null
        : average - disabled;
    },
  },
];
