import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { AuthConfig } from '../../config/config';
import type { Role } from './principal';

const ALGORITHM = 'ES256';

interface DevKeyFile {
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * The development signing key (ES256) that `reformgraph token` signs with and that the server
 * trusts outside production when no key set is configured. Created on first use, readable by
 * its owner only.
 */
export async function loadDevKey(file: string): Promise<DevKeyFile> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DevKeyFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const kid = randomUUID();
  const key: DevKeyFile = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' },
  };
  await mkdir(dirname(file), { recursive: true });
  // 'wx': if another process created it meanwhile, use theirs.
  try {
    await writeFile(file, JSON.stringify(key), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadDevKey(file);
    throw error;
  }
  return key;
}

/** A short-lived JWT signed with the development key (`reformgraph token`). */
export async function mintDevToken(
  config: AuthConfig,
  claims: { role: Role; entities: string[] | null; subject: string; ttlSeconds: number },
): Promise<string> {
  const { privateJwk } = await loadDevKey(config.devKeyFile);
  const key = await importJWK(privateJwk, ALGORITHM);
  const jwt = new SignJWT({
    role: claims.role.toLowerCase(),
    ...(claims.entities ? { entities: claims.entities } : {}),
  })
    .setProtectedHeader({ alg: ALGORITHM, kid: privateJwk.kid, typ: 'JWT' })
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setSubject(claims.subject)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(`${claims.ttlSeconds}s`);
  return jwt.sign(key);
}
