import { factDataflow, type SdmxDeclaration } from '../../shared/sdmx';
import { RECRUITMENT } from './recruitment.fact';
import { WORKFORCE } from './workforce.fact';

/** The workforce and recruitment as SDMX dataflows, derived from their facts. */
export const STAFFING_SDMX: SdmxDeclaration = {
  dataflows: [
    factDataflow(WORKFORCE, {
      id: 'WORKFORCE',
      name: 'Secretariat workforce by entity, sex, grade category and age band',
      description:
        'Headcount on 31 December. Small cells are suppressed (CONF_STATUS C) and, below the hr role, counts are perturbed (OBS_STATUS E).',
      categories: ['DIVERSITY'],
      dimensions: ['ENTITY', { dimension: 'GENDER', as: 'SEX' }, 'GRADE_CATEGORY', 'AGE_BAND'],
      measure: 'headcount',
      unit: 'PS',
    }),
    factDataflow(RECRUITMENT, {
      id: 'RECRUITMENT',
      name: 'Recruitments by entity and sex of the selected candidate',
      description:
        'Job openings filled, by the year of selection. Small cells are suppressed and, below the hr role, counts are perturbed.',
      categories: ['AGILITY'],
      dimensions: ['ENTITY', { dimension: 'SELECTED_GENDER', as: 'SEX' }],
      measure: 'recruitments',
      unit: 'NUMBER',
    }),
  ],
};
