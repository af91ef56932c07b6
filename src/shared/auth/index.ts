/** Authentication and roles: principals, API keys, JWTs, development tokens, entity scopes. */
export * from './api-key.entity';
export * from './api-keys';
export * from './authenticator';
export * from './dev-key';
export * from './entity-scope';
export * from './principal';
