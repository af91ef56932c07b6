import type { DataSource } from 'typeorm';
import { KnownEntities, type ScopeSource } from './entity-scope';
import type { Config } from '../../config/config';
import { UnauthenticatedError } from '../errors';
import { ApiKeyVerifier, looksLikeApiKey } from './api-keys';
import { DevTokens } from './dev-tokens';
import { JwtVerifier } from './jwt';
import { ANONYMOUS, type Principal } from './principal';

/** What authentication looks at in an HTTP request. */
export interface AuthRequest {
  method: string;
  /** Path and query string. */
  url: string;
  authorization: string | undefined;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;
const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The credential a request presents, as authentication reads it: the token of an
 * `Authorization: Bearer` header in any spelling of the scheme and spacing, else an `api_key`
 * query parameter; null when there is none, or when the header is not a bearer one (refused).
 * Whatever counts requests per caller keys on this, so one credential is one caller however the
 * header is spelled.
 */
export function presentedToken(request: Pick<AuthRequest, 'url' | 'authorization'>): string | null {
  if (request.authorization) return BEARER.exec(request.authorization.trim())?.[1] ?? null;
  return apiKeyInUrl(request.url);
}

const API_KEY_PARAMETER = 'api_key';

/**
 * The `api_key` query parameter of a request URL (path and query string), as the URL's
 * `searchParams` read it: the query string ends at a fragment, and the first parameter of that
 * name counts. Only a parameter whose name is `api_key`, or is escaped (`+` or `%`) and may
 * decode to it, is decoded: a GraphQL GET's query string is long, and decoding all of it cost
 * more than the rest of finding the credential.
 */
function apiKeyInUrl(url: string): string | null {
  const fragment = url.indexOf('#');
  const head = fragment < 0 ? url : url.slice(0, fragment);
  const mark = head.indexOf('?');
  if (mark < 0) return null;
  for (const part of head.slice(mark + 1).split('&')) {
    const equals = part.indexOf('=');
    const name = equals < 0 ? part : part.slice(0, equals);
    if (name !== API_KEY_PARAMETER && !/[%+]/.test(name)) continue;
    // After an `&`, a name's leading `?` stays part of it, as in the whole query string.
    const found = new URLSearchParams(`&${part}`).get(API_KEY_PARAMETER);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Turns a request into a principal: a bearer JWT, an API key (as a bearer token, or as the
 * `api_key` query parameter on GET requests only, for Power Query and Excel), a development
 * token outside production, or nothing (the anonymous public role). Anything presented that does
 * not verify is UNAUTHENTICATED, never the public role.
 */
export class Authenticator {
  private constructor(
    private readonly jwt: JwtVerifier | null,
    private readonly apiKeys: ApiKeyVerifier,
    private readonly devTokens: DevTokens,
    /** The entities a scope may name; with no catalog, scopes are not checked. */
    private readonly entities: KnownEntities | null,
  ) {}

  static async create(
    config: Config,
    db: DataSource,
    catalog?: ScopeSource,
  ): Promise<Authenticator> {
    return new Authenticator(
      await JwtVerifier.create(config.auth),
      new ApiKeyVerifier(db),
      new DevTokens(config.apiTokens),
      catalog ? new KnownEntities(db, catalog) : null,
    );
  }

  /**
   * The principal of a request's credential; UNAUTHENTICATED when it does not verify, or when
   * its entity scope names an entity the hub does not have (a token minted for `NOPE` would
   * otherwise see nothing, silently).
   */
  async authenticate(request: AuthRequest): Promise<Principal> {
    const principal = await this.verify(request);
    if (principal.entityScope && this.entities) {
      const unknown = await this.entities.unknown(principal.entityScope);
      if (unknown.length > 0)
        throw new UnauthenticatedError(
          `The credential's entity scope names no entity of this hub: ${unknown.join(', ')}.`,
        );
    }
    return principal;
  }

  private async verify(request: AuthRequest): Promise<Principal> {
    const inUrl = apiKeyInUrl(request.url);
    if (inUrl !== null && request.method.toUpperCase() !== 'GET') {
      throw new UnauthenticatedError(
        'api_key in the URL is accepted on GET requests only: send "Authorization: Bearer <key>".',
      );
    }
    const token = presentedToken(request);
    if (request.authorization && token === null)
      throw new UnauthenticatedError('Authorization header must be "Bearer <token>".');
    if (token === null) return ANONYMOUS;
    // A JWT verified lately, before the checks that tell what kind of credential this is.
    const known = this.jwt?.known(token);
    if (known) return known;
    if (looksLikeApiKey(token)) return this.apiKeys.verify(token);
    const dev = this.devTokens.find(token);
    if (dev) return dev;
    if (JWT_SHAPE.test(token)) {
      if (!this.jwt) throw new UnauthenticatedError('Bearer JWTs are not configured here.');
      return this.jwt.verify(token);
    }
    throw new UnauthenticatedError();
  }
}
