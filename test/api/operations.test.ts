import { describe, expect, it } from 'vitest';
import { buildApp, loadApiConfig } from '@kf/api';
import { closeQueues, createProducerConnection, createQueues } from '@kf/jobs';
import { makeMember, signToken, TEST_JWT_SECRET, useHarness } from '@kf/testing';

const t = useHarness();

describe('probes', () => {
  it('/healthz and /readyz answer 200 without a token', async () => {
    expect((await t.as(undefined).get('/healthz')).status).toBe(200);
    const ready = await t.as(undefined).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ postgres: true, redis: true });
  });

  it('/readyz answers 503 while Redis is unreachable, and story reads still work', async () => {
    const author = makeMember();
    const { body: story } = await t.as(author).post('/v1/stories', { title: 'Still readable', body: 'Yes.' });
    // A second app instance whose Redis is a closed port.
    const config = loadApiConfig({
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: 'redis://127.0.0.1:1',
      JWT_SECRET: TEST_JWT_SECRET,
    });
    const redis = createProducerConnection(config.REDIS_URL, {
      connectTimeout: 200,
      retryStrategy: () => 500,
    });
    const queues = createQueues(redis, t.queuePrefix);
    const app = await buildApp({ config, db: t.db, redis, queues, now: () => new Date() });
    try {
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks).toEqual({ postgres: true, redis: false });
      const read = await app.inject({
        method: 'GET',
        url: `/v1/stories/${story.id}`,
        headers: { authorization: `Bearer ${signToken(author, TEST_JWT_SECRET)}` },
      });
      expect(read.statusCode).toBe(200);
      expect(read.json().title).toBe('Still readable');
    } finally {
      await app.close();
      await closeQueues(queues).catch(() => undefined);
      redis.disconnect();
    }
  });

  it('/metrics exposes request durations and queue depths', async () => {
    await t.as(makeMember()).get('/v1/me/adoptions');
    const res = await t.as(undefined).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.body).toContain('http_request_duration_seconds_bucket');
    expect(res.body).toContain('route="/v1/me/adoptions"');
    expect(res.body).toMatch(/queue_depth\{queue="stories",state="waiting"\} \d+/);
  });
});

describe('OpenAPI', () => {
  it('documents every route with its responses', async () => {
    const res = await t.as(undefined).get('/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const routes = t.app.printRoutes({ commonPrefix: false });
    expect(routes).toContain('/v1/stories');
    for (const [path, operations] of Object.entries(
      res.body.paths as Record<string, Record<string, { responses: object }>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(Object.keys(operation.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    expect(res.body.paths['/v1/stories'].post.responses).toHaveProperty('201');
    expect(res.body.paths['/v1/stories'].post.responses).toHaveProperty('400');
    expect((await t.as(undefined).get('/docs')).status).toBeLessThan(400);
  });
});

/** helmet's defaults, less the Content-Security-Policy (turned off in app.ts). */
const SECURITY_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe('HTTP hygiene', () => {
  it('sets security headers and answers unknown routes with problem+json', async () => {
    const res = await t.as(undefined).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it("sends helmet's headers with every answer: a page, a refusal, an unknown route", async () => {
    const story = await t
      .as(makeMember())
      .post('/v1/stories', { title: 'Headers', body: 'On every answer.' });
    for (const res of [
      story,
      await t.as(makeMember()).get(`/v1/stories/${story.body.id}`),
      await t.as(undefined).get('/v1/feed'),
      await t.as(undefined).get('/nowhere'),
    ]) {
      expect(res.headers, `${res.status}`).toMatchObject(SECURITY_HEADERS);
      expect(res.headers).not.toHaveProperty('content-security-policy');
      expect(res.headers).not.toHaveProperty('x-powered-by');
    }
  });
});
