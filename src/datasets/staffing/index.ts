/** The staffing dataset's public interface: what other slices may import. */
export { STAFFING } from './staffing.module';
export { WORKFORCE } from './workforce.fact';
export { RECRUITMENT } from './recruitment.fact';
export { Gender } from './staff-year.entity';
