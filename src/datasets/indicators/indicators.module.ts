import { defineDatasetModule } from '../../shared/modules';
import { IndicatorObservation } from './indicator-observation.entity';
import { Indicator } from './indicator.entity';
import { INDICATORS_GENERATOR } from './indicators.generator';
import { INDICATORS_IMPORTER, OBSERVATIONS_IMPORTER } from './indicators.importers';
import { INDICATORS_SDMX } from './indicators.dataflow';
import { IndicatorResolver, ObservationResolver } from './indicators.resolver';

/**
 * Every figure published in A/77/590/Add.1, with targets and status. Reconciliation reads the
 * computations other datasets declare (through the catalog), never their code.
 */
export const INDICATORS = defineDatasetModule({
  name: 'indicators',
  description:
    'The reform indicators published in A/77/590/Add.1: every figure with its paragraph, target and baseline.',
  entities: [Indicator, IndicatorObservation],
  resolvers: [IndicatorResolver, ObservationResolver],
  importers: [INDICATORS_IMPORTER, OBSERVATIONS_IMPORTER],
  generator: INDICATORS_GENERATOR,
  sdmx: INDICATORS_SDMX,
});
