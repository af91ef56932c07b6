import { factDataflow, type SdmxDeclaration } from '../../shared/sdmx';
import { PROGRAMME_FIELD, Programme } from './learning.enums';
import { LEARNING_COVERAGE } from './learning.facts';

/** Learning coverage by entity and programme, as an SDMX dataflow over its fact. */
export const LEARNING_SDMX: SdmxDeclaration = {
  dataflows: [
    // The programme measures are named from the enum, so the fact's measure names are strings.
    factDataflow<keyof typeof LEARNING_COVERAGE.dimensions, string>(LEARNING_COVERAGE, {
      id: 'LEARNING_COVERAGE',
      name: 'Learning coverage by entity and programme',
      description:
        'Staff at 31 December who had completed a course of the programme, as a percentage of the staff.',
      categories: ['AGILITY'],
      dimensions: ['ENTITY'],
      measure: {
        id: 'PROGRAMME',
        name: 'Learning programme',
        codes: Object.fromEntries(
          Object.values(Programme).map((p) => [p, `${PROGRAMME_FIELD[p]}Share`]),
        ),
      },
      unit: 'PT',
    }),
  ],
};
