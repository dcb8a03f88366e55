import { describe, expect, it } from 'vitest';
import { buildApp } from '@kf/api';
import { createDatabase } from '@kf/db';
import { makeMember, signToken, startTcpProxy, TEST_JWT_SECRET, useHarness } from '@kf/testing';
import { waitUntil } from './helpers.js';

const t = useHarness();

describe('PostgreSQL unreachable for a few seconds', () => {
  it('answers 503 with Retry-After meanwhile, then recovers without a restart', async () => {
    const target = new URL(t.databaseUrl);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const db = createDatabase({ url: proxy.url(t.databaseUrl), poolSize: 4 });
    const app = await buildApp({
      config: t.apiConfig,
      db,
      redis: t.redis,
      queues: t.queues,
      now: () => new Date(),
    });
    const member = makeMember();
    const headers = { authorization: `Bearer ${signToken(member, TEST_JWT_SECRET)}` };
    try {
      const created = await app.inject({
        method: 'POST',
        url: '/v1/stories',
        headers,
        payload: { title: 'Still here', body: 'x' },
      });
      expect(created.statusCode).toBe(201);
      const url = `/v1/stories/${created.json().id}`;

      proxy.cut();
      const read = await app.inject({ url, headers });
      expect(read.statusCode).toBe(503);
      expect(read.headers['retry-after']).toBeDefined();
      expect(read.headers['content-type']).toContain('application/problem+json');
      const write = await app.inject({
        method: 'POST',
        url: `${url}/engagements`,
        headers,
        payload: { kind: 'view' },
      });
      expect(write.statusCode).toBe(503);
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503);
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);

      proxy.restore();
      await waitUntil(
        async () => (await app.inject({ url, headers })).statusCode === 200,
        15_000,
        'PostgreSQL back',
      );
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
      const retried = await app.inject({
        method: 'POST',
        url: `${url}/engagements`,
        headers,
        payload: { kind: 'view' },
      });
      expect(retried.statusCode).toBe(202);
    } finally {
      await app.close();
      await db.destroy();
      await proxy.close();
    }
  }, 60_000);
});
