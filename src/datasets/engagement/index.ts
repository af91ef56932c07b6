/** The engagement survey's public interface. */
export { ENGAGEMENT_SURVEY } from './engagement.module';
export { ENGAGEMENT } from './engagement.fact';
