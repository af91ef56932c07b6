import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';
import type { AuthConfig } from '../../config/config';
import { UnauthenticatedError } from '../errors';
import { loadDevKey } from './dev-key';
import { parseRole, type Principal } from './principal';

/**
 * Verifies bearer JWTs with jose against the configured key set: pinned algorithms (asymmetric
 * only), issuer, audience, expiry and not-before with a small clock tolerance. The claims give
 * the role (`role`: public, analyst, hr or conduct) and optionally the entities the holder may
 * see (`entities`: an array of entity codes). Any failure is UNAUTHENTICATED.
 */
export class JwtVerifier {
  /**
   * Tokens verified lately, by their text: a client sends the same token with every request, and
   * a signature check is the largest CPU cost of a cheap request (an ES256 verify: 9% of a lookup's
   * CPU). An entry lives until the token expires, at most VERIFIED_TTL_MS, so a key removed from
   * the key set stops being honoured within that time. Failures are never kept.
   */
  private readonly verified = new LRUCache<string, Principal>({ max: 10_000 });

  private constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly config: AuthConfig,
  ) {}

  /**
   * The key set: the identity provider's JWKS URL, a local JWKS file, or (outside production,
   * when neither is set) the public half of the development key that `reformgraph token` signs
   * with. In production without a key set, JWTs are refused (API keys still work).
   */
  static async create(config: AuthConfig): Promise<JwtVerifier | null> {
    if (config.jwksUrl) return new JwtVerifier(createRemoteJWKSet(new URL(config.jwksUrl)), config);
    if (config.jwksFile) {
      const jwks = JSON.parse(await readFile(config.jwksFile, 'utf8')) as JSONWebKeySet;
      return new JwtVerifier(createLocalJWKSet(jwks), config);
    }
    if (config.production) return null;
    const { publicJwk } = await loadDevKey(config.devKeyFile);
    return new JwtVerifier(createLocalJWKSet({ keys: [publicJwk] }), config);
  }

  /** The principal of a token verified lately and not yet expired, without verifying anything. */
  known(token: string): Principal | undefined {
    return this.verified.get(token);
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) return known;
    const { principal, expiresAt } = await this.verifyAnew(token);
    const ttl = Math.min(VERIFIED_TTL_MS, expiresAt * 1000 - Date.now());
    if (ttl > 0) this.verified.set(token, principal, { ttl });
    return principal;
  }

  private async verifyAnew(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        throw new UnauthenticatedError(`The bearer token is not valid (${reason(error)}).`);
      }
      throw error;
    }
    const role = parseRole(payload.role);
    if (!role) throw new UnauthenticatedError('The bearer token has no valid role claim.');
    const entities = payload.entities;
    if (
      entities !== undefined &&
      !(Array.isArray(entities) && entities.every((e) => typeof e === 'string'))
    ) {
      throw new UnauthenticatedError('The bearer token has an invalid entities claim.');
    }
    return {
      principal: {
        role,
        entityScope: entities === undefined ? null : entities,
        subject: payload.sub,
      },
      // `exp` is required above.
      expiresAt: payload.exp ?? 0,
    };
  }
}

/** Longest a verified token is trusted without checking its signature again. */
const VERIFIED_TTL_MS = 60_000;

/** What went wrong, said without echoing the token. */
function reason(error: InstanceType<typeof errors.JOSEError>): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `claim ${error.claim}: ${error.reason}`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no matching key';
  return error.code;
}
