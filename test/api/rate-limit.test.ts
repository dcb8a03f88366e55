import { describe, expect, it } from 'vitest';
import { buildApp } from '@kf/api';
import { createProducerConnection } from '@kf/jobs';
import { makeMember, signToken, startTcpProxy, TEST_JWT_SECRET, useHarness } from '@kf/testing';

const t = useHarness({ apiEnv: { RATE_LIMIT_PER_MINUTE: '5', CORS_ORIGINS: 'https://intranet.example' } });

/** Another API process on the same database and Redis (its own connection, its own counts in memory). */
async function secondApi(redisUrl = t.redisUrl) {
  const redis = createProducerConnection(redisUrl, { retryStrategy: () => 100 });
  const app = await buildApp({ config: t.apiConfig, db: t.db, redis, queues: t.queues, now: t.clock.now });
  return {
    app,
    async close() {
      await app.close();
      redis.disconnect();
    },
  };
}

const bearer = (member: ReturnType<typeof makeMember>) => ({
  authorization: `Bearer ${signToken(member, TEST_JWT_SECRET)}`,
});
const waitForSync = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('per-member rate limit', () => {
  it('answers 429 with Retry-After past the limit, per member', async () => {
    const busy = makeMember();
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await t.as(busy).get('/v1/me/adoptions')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await t.as(busy).get('/v1/me/adoptions');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body.code).toBe('rate_limited');
    expect((await t.as(makeMember()).get('/v1/me/adoptions')).status).toBe(200);
  });

  it('is shared by every API process: each learns the counts of the others when it syncs', async () => {
    const other = await secondApi();
    const askOther = async (member: ReturnType<typeof makeMember>) =>
      (await other.app.inject({ url: '/v1/me/adoptions', headers: bearer(member) })).statusCode;
    try {
      const member = makeMember();
      for (let i = 0; i < 3; i += 1) expect((await t.as(member).get('/v1/me/adoptions')).status).toBe(200);
      await waitForSync();
      // The other process has not heard of this member yet: its first request counts from its own zero…
      expect(await askOther(member)).toBe(200);
      await waitForSync();
      // …and its sync brings the first process's three: 4, 5, then over the limit.
      expect([await askOther(member), await askOther(member)]).toEqual([200, 429]);
      // The first process, likewise, learns the other's with its next sync.
      expect((await t.as(member).get('/v1/me/adoptions')).status).toBe(200);
      await waitForSync();
      expect((await t.as(member).get('/v1/me/adoptions')).status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('keeps serving and counting while Redis is away, and adds the requests once it is back', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(t.redisUrl).port || 6379) });
    const cutOff = await secondApi(proxy.url(t.redisUrl));
    try {
      const member = makeMember();
      proxy.cut();
      const statuses = [];
      for (let i = 0; i < 6; i += 1) {
        const res = await cutOff.app.inject({ url: '/v1/me/adoptions', headers: bearer(member) });
        statuses.push(res.statusCode);
      }
      // Counted in memory meanwhile: the limit still holds for this process.
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      proxy.restore();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // Now in Redis: the other process learns them with its first sync for this member, and refuses.
      expect((await t.as(member).get('/v1/me/adoptions')).status).toBe(200);
      await waitForSync();
      expect((await t.as(member).get('/v1/me/adoptions')).status).toBe(429);
    } finally {
      await cutOff.close();
      await proxy.close();
    }
  });
});

describe('CORS', () => {
  it("allows the intranet's origin only", async () => {
    const allowed = await t.as(makeMember()).get('/v1/me/adoptions', { origin: 'https://intranet.example' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://intranet.example');
    const other = await t.as(makeMember()).get('/v1/me/adoptions', { origin: 'https://evil.example' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
