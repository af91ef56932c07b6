import { column, INT } from '../../dimensions';
import { defineFact, count } from '../../shared/facts';
import { columnsOf } from '../../db/entity-tables';
import { Respondent } from './respondent.entity';

const f = columnsOf(Respondent);

/** The survey's wave (its year): the period of both survey facts, declared once. */
export const waveDimension = (sql: string) => ({
  WAVE: column(sql, {
    field: 'wave',
    description: 'Survey wave (year)',
    type: INT,
    filter: 'waves',
  }),
});

/**
 * Participants per wave: the Organization publishes them (A/77/590/Add.1 para 43), so they are
 * exact. Not a graph root: `engagementWaves { participants }` and the indicators read it.
 */
export const PARTICIPANTS = defineFact({
  name: 'engagementParticipants',
  typeName: 'EngagementParticipants',
  description: 'Participants of a survey wave.',
  entity: Respondent,
  kind: 'stock',
  period: 'WAVE',
  periodArgument: 'wave',
  threshold: 1,
  published: 'A/77/590/Add.1 para 43: participants in each wave of the staff engagement survey',
  unitCount: 'participants',
  dimensions: waveDimension(f.wave),
  counts: { participants: {} },
  measures: {
    participants: { type: 'int', description: 'Participants.', compute: count('participants') },
  },
});
