import { defineDatasetModule } from '../../shared/modules';
import { ENGAGEMENT_SDMX } from './engagement.dataflows';
import { Answer } from './answer.entity';
import { ENGAGEMENT } from './engagement.fact';
import { ENGAGEMENT_GENERATOR } from './engagement.generator';
import {
  ANSWERS_IMPORTER,
  QUESTIONS_IMPORTER,
  RESPONDENTS_IMPORTER,
  WAVES_IMPORTER,
} from './engagement.importers';
import { ENGAGEMENT_INDICATORS } from './engagement.indicators';
import { EngagementTrendResolver, EngagementWaveResolver } from './engagement.resolver';
import { Question } from './question.entity';
import { Respondent } from './respondent.entity';
import { RollupRow } from './rollup.entity';
import { Wave } from './wave.entity';

/**
 * The staff engagement survey. Answers are anonymous and never leave the database as rows, for
 * any role: every figure comes from the rollups, through disclosure control (10 respondents).
 */
export const ENGAGEMENT_SURVEY = defineDatasetModule({
  name: 'engagement',
  description:
    'The staff engagement survey (2017, 2019, 2021): waves, questions, anonymous respondents and their answers, answered from rollups.',
  entities: [Wave, Question, Respondent, Answer, RollupRow],
  facts: [ENGAGEMENT],
  resolvers: [EngagementWaveResolver, EngagementTrendResolver],
  importers: [WAVES_IMPORTER, QUESTIONS_IMPORTER, RESPONDENTS_IMPORTER, ANSWERS_IMPORTER],
  generator: ENGAGEMENT_GENERATOR,
  sdmx: ENGAGEMENT_SDMX,
  indicators: ENGAGEMENT_INDICATORS,
});
