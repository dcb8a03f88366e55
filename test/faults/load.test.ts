import autocannon from 'autocannon';
import { describe, expect, it } from 'vitest';
import { makeMember, makeMembers, signToken, TEST_JWT_SECRET, useHarness } from '@kf/testing';
import { countsMismatches, exited, freePort, spawnService, waitUntil } from './helpers.js';

const t = useHarness({ apiEnv: { RATE_LIMIT_PER_MINUTE: '1000000' } });
/** Short in `pnpm test`; `LOAD_SECONDS=60 pnpm test test/faults/load` runs the 60-second version. */
const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 8);

describe('load', () => {
  it(
    'takes mixed traffic at 200 connections with no 5xx and no lost event',
    async () => {
      const stories: string[] = [];
      for (let i = 0; i < 30; i += 1) {
        stories.push(
          (
            await t
              .as(makeMember({ unit: `unit-${i % 5}` }))
              .post('/v1/stories', { title: `Load ${i}`, body: 'x' })
          ).body.id,
        );
      }
      // One API process of its own, as in production; the load generator stays in this process.
      const port = await freePort();
      const api = spawnService('services/api/src/main.ts', {
        DATABASE_URL: t.databaseUrl,
        REDIS_URL: t.redisUrl,
        QUEUE_PREFIX: t.queuePrefix,
        JWT_SECRET: TEST_JWT_SECRET,
        PORT: String(port),
        RATE_LIMIT_PER_MINUTE: '1000000',
        LOG_REQUESTS: 'false',
        DATABASE_POOL_SIZE: '20',
      });
      const address = `http://127.0.0.1:${port}`;
      await waitUntil(async () => (await fetch(`${address}/readyz`)).ok, 30_000, 'the API to start');
      const readers = makeMembers(20).map((member) => `Bearer ${signToken(member, TEST_JWT_SECRET)}`);
      let sequence = 0;
      const accepted = new Set<string>();
      const result = await autocannon({
        url: address,
        connections: 200,
        duration: LOAD_SECONDS,
        requests: [
          {
            // 90 % reads (feed and story detail), 10 % engagements from distinct members.
            setupRequest: (request, context: { writer?: string }) => {
              sequence += 1;
              context.writer = undefined;
              const story = stories[sequence % stories.length];
              if (sequence % 10 === 0) {
                const writer = makeMember({ id: `load-${sequence}`, unit: `unit-${sequence % 7}` });
                context.writer = writer.id;
                return {
                  ...request,
                  method: 'POST',
                  path: `/v1/stories/${story}/engagements`,
                  headers: {
                    authorization: `Bearer ${signToken(writer, TEST_JWT_SECRET)}`,
                    'content-type': 'application/json',
                  },
                  body: JSON.stringify({ kind: 'reaction' }),
                };
              }
              return {
                ...request,
                method: 'GET',
                path: sequence % 2 ? `/v1/stories/${story}` : '/v1/feed?limit=20',
                headers: { authorization: readers[sequence % readers.length]! },
              };
            },
            onResponse: (status, body, context: { writer?: string }) => {
              if (status === 202 && body.includes('"counted":true') && context.writer)
                accepted.add(context.writer);
            },
          },
        ],
      });
      api.kill('SIGTERM');
      await exited(api);
      console.log(
        `load: ${result.requests.total} requests in ${LOAD_SECONDS} s, ${result.requests.average} req/s, p99 ${result.latency.p99} ms, ${accepted.size} events accepted`,
      );
      expect(result['5xx']).toBe(0);
      expect(accepted.size).toBeGreaterThan(0);

      // Every accepted event is stored (requests cut off by the end of the run may be stored without an answer).
      const stored = await t.db.selectFrom('engagements').select('memberId').execute();
      const storedMembers = new Set(stored.map((row) => row.memberId));
      expect([...accepted].filter((writer) => !storedMembers.has(writer))).toEqual([]);
      expect(storedMembers.size).toBe(stored.length);
      await t.startWorker();
      await t.drain(60_000);
      expect(await countsMismatches(t.db)).toEqual([]);
    },
    120_000 + LOAD_SECONDS * 2_000,
  );

  it('counts a burst of 10,000 engagements on one story exactly, in a handful of score jobs', async () => {
    const story = (await t.as(makeMember()).post('/v1/stories', { title: 'Burst', body: 'x' })).body.id;
    const members = makeMembers(10_000, { unit: 'ops' });
    let counted = 0;
    for (let i = 0; i < members.length; i += 500) {
      const batch = await Promise.all(
        members
          .slice(i, i + 500)
          .map((member) => t.as(member).post(`/v1/stories/${story}/engagements`, { kind: 'share' })),
      );
      counted += batch.filter((res) => res.status === 202 && res.body.counted).length;
    }
    expect(counted).toBe(10_000);
    const scoreJobs = (await t.queues.stories.getJobs(['waiting', 'delayed', 'completed'])).filter(
      (job) => job.name === 'story.score',
    );
    await t.startWorker();
    await t.drain(60_000);
    const ran = (await t.queues.stories.getJobs(['completed'])).filter(
      (job) => job.name === 'story.score',
    ).length;
    console.log(`burst: 10,000 engagements → ${ran} story.score jobs ran (${scoreJobs.length} queued)`);
    expect(ran).toBeLessThan(100);
    expect((await t.as(makeMember()).get(`/v1/stories/${story}`)).body.counts.shares).toBe(10_000);
  }, 180_000);
});
