/** The conduct dataset's public interface: what other slices may import. */
export { CONDUCT_AND_DISCIPLINE } from './conduct.module';
export { CONDUCT } from './conduct.facts';
