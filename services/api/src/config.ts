import {
  type Env,
  boolean,
  ConfigError,
  integer,
  list,
  optionalText,
  parseEnv,
  sharedEnvSchema,
  text,
} from '@kf/config';

/** A development-only secret: `pnpm token` signs with it too, so curl works out of the box. */
export const DEVELOPMENT_JWT_SECRET = 'knowledge-feed-development-secret-change-me';

const apiEnvSchema = {
  ...sharedEnvSchema,
  /** Listen address; 0.0.0.0 in a container. */
  HOST: text('127.0.0.1'),
  PORT: integer(3000, { min: 0, max: 65535 }),
  /** HS256 secret shared with the intranet's token issuer. */
  JWT_SECRET: text(DEVELOPMENT_JWT_SECRET),
  /** PEM public key; when set, only RS256/ES256 tokens verified with it are accepted (no HS256). */
  JWT_PUBLIC_KEY: optionalText,
  /** Checked against `iss` / `aud` when set. */
  JWT_ISSUER: optionalText,
  JWT_AUDIENCE: optionalText,
  /** The intranet's origins allowed to call the API from a browser; none when unset. */
  CORS_ORIGINS: list,
  /** Trust X-Forwarded-* from a reverse proxy (true, or a hop count / address list as fastify accepts). */
  TRUST_PROXY: optionalText,
  /** Requests per member per minute before 429; shared across API processes through Redis. */
  RATE_LIMIT_PER_MINUTE: integer(600, { min: 1 }),
  /** Largest accepted JSON body in bytes (the import endpoint streams and is exempt). */
  BODY_LIMIT_BYTES: integer(1024 * 1024, { min: 1024 }),
  /** Log every request (noisy under load; errors are always logged). */
  LOG_REQUESTS: boolean(true),
};

export type ApiConfig = ReturnType<typeof loadApiConfig>;

export function loadApiConfig(env: Env) {
  const config = parseEnv(apiEnvSchema, env);
  if (config.JWT_PUBLIC_KEY && !config.JWT_PUBLIC_KEY.includes('PUBLIC KEY-----')) {
    throw new ConfigError('JWT_PUBLIC_KEY', 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)');
  }
  return { ...config, JWT_PUBLIC_KEY: config.JWT_PUBLIC_KEY?.replace(/\\n/g, '\n') };
}

/** fastify's trustProxy accepts a boolean, a hop count or addresses (its types omit the hop count). */
export function trustProxySetting(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
