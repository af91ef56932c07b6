/** The indicators dataset's public interface. */
export { INDICATORS } from './indicators.module';
