import type { Principal } from '../auth';
import type { DataAccess } from '../access';
import type { Catalog } from '../modules';
import type { SavedQueryRegistry } from '../saved-queries';

/** What every resolver receives; made anew for each request. Data is reached only through `data`. */
export interface RequestContext {
  principal: Principal;
  data: DataAccess;
  catalog: Catalog;
  /** The server's saved queries (`/api/<name>`), with their owners. */
  savedQueries: SavedQueryRegistry;
  /** The HTTP request's id (`x-request-id`), for logs and error extensions; none in-process. */
  requestId?: string;
}
