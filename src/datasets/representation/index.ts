/** The representation dataset's public interface. */
export { REPRESENTATION } from './representation.module';
