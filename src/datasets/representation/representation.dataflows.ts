import { factDataflow, type SdmxDeclaration } from '../../shared/sdmx';
import { RANGE_STAFF } from './representation.fact';

/** Geographical representation by member state, as an SDMX dataflow over its fact. */
export const REPRESENTATION_SDMX: SdmxDeclaration = {
  dataflows: [
    factDataflow(RANGE_STAFF, {
      id: 'GEO_REPRESENTATION',
      name: 'Staff subject to geographical distribution, by member state of nationality',
      description:
        'Staff counted for the system of desirable ranges (posts subject to geographical distribution and the Young Professionals Programme), by nationality; published figures, exact for every role.',
      categories: ['DIVERSITY'],
      dimensions: [{ dimension: 'NATIONALITY', as: 'REF_AREA' }],
      measure: 'staffCount',
      unit: 'PS',
    }),
  ],
};
