import { describe, expect, it } from 'vitest';
import { buildApp } from '@kf/api';
import {
  closeQueues,
  createProducerConnection,
  createQueues,
  createWorkerConnection,
  enqueue,
} from '@kf/jobs';
import { startWorkers } from '@kf/worker';
import { makeMember, makeMembers, signToken, startTcpProxy, TEST_JWT_SECRET, useHarness } from '@kf/testing';
import { countsMismatches, waitUntil } from './helpers.js';

const t = useHarness();

describe('Redis unreachable for a few seconds', () => {
  it('keeps accepting events (stored in PostgreSQL), says 503 on /readyz, and the worker catches up on its own', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(t.redisUrl).port || 6379) });
    const redisUrl = proxy.url(t.redisUrl);
    const redis = createProducerConnection(redisUrl, { retryStrategy: () => 200 });
    const queues = createQueues(redis, t.queuePrefix);
    const app = await buildApp({ config: t.apiConfig, db: t.db, redis, queues, now: () => new Date() });
    const workerConnection = createWorkerConnection(redisUrl);
    const workers = startWorkers(await t.workerDeps(), {
      connection: workerConnection,
      prefix: t.queuePrefix,
      concurrency: 4,
      lockMs: 2_000,
    });
    const as = (member = makeMember()) => ({ authorization: `Bearer ${signToken(member, TEST_JWT_SECRET)}` });
    try {
      await waitUntil(async () => (await app.inject({ url: '/readyz' })).statusCode === 200, 10_000, 'ready');
      const created = await app.inject({
        method: 'POST',
        url: '/v1/stories',
        headers: as(),
        payload: { title: 'Outage', body: 'x' },
      });
      const storyId = created.json().id as string;

      proxy.cut();
      const members = makeMembers(12, { unit: 'sales' });
      const during = await Promise.all(
        members.map((member) =>
          app.inject({
            method: 'POST',
            url: `/v1/stories/${storyId}/engagements`,
            headers: as(member),
            payload: { kind: 'reaction' },
          }),
        ),
      );
      // Every answer is either an accepted event or a clear refusal; accepted ones are in PostgreSQL already.
      for (const res of during) expect([202, 503]).toContain(res.statusCode);
      const accepted = during.filter((res) => res.statusCode === 202).length;
      expect(accepted).toBeGreaterThan(0);
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503);
      expect((await app.inject({ url: `/v1/stories/${storyId}`, headers: as() })).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2_000));

      proxy.restore();
      await waitUntil(
        async () => (await app.inject({ url: '/readyz' })).statusCode === 200,
        20_000,
        'Redis back',
      );
      // The periodic refresh (every 5 minutes) is the repair path for jobs lost during the outage: run it now.
      await enqueue(queues, 'scores.refresh', { full: false });
      await t.drain(30_000);
      const story = await app.inject({ url: `/v1/stories/${storyId}`, headers: as() });
      expect(story.json().counts.reactions).toBe(accepted);
      expect(await countsMismatches(t.db)).toEqual([]);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
      await app.close();
      await closeQueues(queues).catch(() => undefined);
      redis.disconnect();
      workerConnection.disconnect();
      await proxy.close();
    }
  }, 90_000);
});
