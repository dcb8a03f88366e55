import { generateKeyPairSync } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, buildApp, loadApiConfig } from '@kf/api';
import { makeMember, TEST_JWT_SECRET, useHarness } from '@kf/testing';

const t = useHarness();
const member = makeMember({ unit: 'finance' });
const claims = { sub: member.id, name: member.name, unit: member.unit, roles: ['member'] };
const variants: App[] = [];
afterEach(async () => {
  await Promise.all(variants.splice(0).map((app) => app.close()));
});

/** A second app on the same database and Redis with different identity settings. */
async function appWith(env: Record<string, string>) {
  const config = loadApiConfig({
    DATABASE_URL: t.databaseUrl,
    REDIS_URL: t.redisUrl,
    QUEUE_PREFIX: t.queuePrefix,
    ...env,
  });
  const app = await buildApp({ config, db: t.db, redis: t.redis, queues: t.queues, now: () => new Date() });
  variants.push(app);
  return app;
}

const call = (app: App, token: string) =>
  app.inject({ method: 'GET', url: '/v1/me/adoptions', headers: { authorization: `Bearer ${token}` } });
const hs256 = (options: Record<string, unknown> = {}, key = TEST_JWT_SECRET) =>
  createSigner({ key, algorithm: 'HS256', ...options }) as (payload: object) => string;
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bearer tokens', () => {
  it('accepts a valid HS256 token', async () => {
    expect((await call(t.app, hs256()(claims))).statusCode).toBe(200);
  });

  it.each([
    ['alg none', `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`],
    ['wrong secret', hs256({}, 'another-secret-entirely')(claims)],
    ['expired', hs256({ expiresIn: 1_000, clockTimestamp: Date.now() - 3_600_000 })(claims)],
    ['not yet valid', hs256({ notBefore: 3_600_000 })(claims)],
    ['missing sub', hs256()({ name: 'x', unit: 'finance' })],
    ['missing unit', hs256()({ sub: 'x', name: 'x' })],
    ['garbage', 'not.a.token'],
    ['100 KB token', hs256()({ ...claims, padding: 'x'.repeat(100_000) })],
  ])('answers 401 for %s, as problem+json', async (_name, token) => {
    const res = await call(t.app, token);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('unauthenticated');
  });

  it('checks issuer and audience when configured', async () => {
    const app = await appWith({
      JWT_SECRET: TEST_JWT_SECRET,
      JWT_ISSUER: 'intranet',
      JWT_AUDIENCE: 'knowledge-feed',
    });
    expect((await call(app, hs256({ iss: 'intranet', aud: 'knowledge-feed' })(claims))).statusCode).toBe(200);
    expect((await call(app, hs256({ iss: 'elsewhere', aud: 'knowledge-feed' })(claims))).statusCode).toBe(
      401,
    );
    expect((await call(app, hs256({ iss: 'intranet', aud: 'other-app' })(claims))).statusCode).toBe(401);
    expect((await call(app, hs256()(claims))).statusCode).toBe(401);
  });

  it.each(['RS256', 'ES256'] as const)(
    'verifies %s with JWT_PUBLIC_KEY and refuses HS256 then',
    async (algorithm) => {
      const { publicKey, privateKey } =
        algorithm === 'RS256'
          ? generateKeyPairSync('rsa', { modulusLength: 2048 })
          : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const app = await appWith({ JWT_PUBLIC_KEY: pem });
      const signed = createSigner({
        key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        algorithm,
      }) as (payload: object) => string;
      expect((await call(app, signed(claims))).statusCode).toBe(200);
      // Key confusion: an HS256 token signed with the public key text must not pass.
      expect((await call(app, hs256({}, pem)(claims))).statusCode).toBe(401);
      expect((await call(app, hs256()(claims))).statusCode).toBe(401);
    },
  );
});

describe('roles', () => {
  it('ignores unknown roles and implies member', async () => {
    const res = await call(t.app, hs256()({ ...claims, sub: 'role-test', roles: ['superuser', 'admin'] }));
    expect(res.statusCode).toBe(200);
    const row = await t.db
      .selectFrom('members')
      .select('roles')
      .where('id', '=', 'role-test')
      .executeTakeFirstOrThrow();
    expect(row.roles).toEqual(['member', 'admin']);
  });
});
