/** The learning dataset's public interface: what other slices may import. */
export { LEARNING_AND_DEVELOPMENT } from './learning.module';
export { LEARNING } from './learning.facts';
