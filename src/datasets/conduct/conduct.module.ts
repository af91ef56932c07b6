import { entityLinkResolver } from '../../dimensions';
import { defineDatasetModule } from '../../shared/modules';
import { ConductCase } from './conduct-case.entity';
import { CONDUCT_CASES, ConductCaseResolver } from './conduct-cases.resolver';
import { CONDUCT, DISCIPLINARY_MEASURES } from './conduct.facts';
import { CONDUCT_GENERATOR } from './conduct.generator';
import { CASES_IMPORTER, MEASURES_IMPORTER } from './conduct.importers';
import { CONDUCT_INDICATORS } from './conduct.indicators';
import { DisciplinaryMeasure } from './disciplinary-measure.entity';

/**
 * Conduct and discipline: cases referred for disciplinary review and the measures imposed. The
 * most confidential data of the hub: case rows for the conduct role only; aggregates open to
 * every role but exact for the conduct role alone (5 cases threshold for the others).
 */
export const CONDUCT_AND_DISCIPLINE = defineDatasetModule({
  name: 'conduct',
  description:
    'Conduct and discipline: cases (received, closed, category, outcome) and disciplinary measures (staff rule 10.2 (a)).',
  entities: [ConductCase, DisciplinaryMeasure],
  facts: [CONDUCT, DISCIPLINARY_MEASURES],
  rowLists: [CONDUCT_CASES],
  resolvers: [
    ConductCaseResolver,
    entityLinkResolver(ConductCase),
    entityLinkResolver(DisciplinaryMeasure),
  ],
  importers: [CASES_IMPORTER, MEASURES_IMPORTER],
  generator: CONDUCT_GENERATOR,
  indicators: CONDUCT_INDICATORS,
});
