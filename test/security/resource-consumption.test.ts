// OWASP API4:2023 Unrestricted Resource Consumption: oversized and deeply nested bodies, page sizes, string
// lengths and a ~100 MB streamed import are all bounded; the process keeps answering. (Rate limiting is in
// test/api/rate-limit.test.ts.)
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeMember, signToken, TEST_JWT_SECRET, type TestMember, useHarness } from '@kf/testing';

const t = useHarness();
const member = makeMember({ unit: 'finance' });
const curator = makeMember({ unit: 'people', roles: ['member', 'curator'] });
const admin = makeMember({ unit: 'it', roles: ['member', 'admin', 'curator', 'hr'] });
const MiB = 1024 * 1024;

let seeded: Promise<{ storyId: string; adoptionId: string }> | undefined;
const ndjson = (records: object[]) => records.map((record) => JSON.stringify(record)).join('\n') + '\n';
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

/** 120 stories, one of them with 120 comments, imported once for the file (the database is the file's). */
function seed() {
  seeded ??= (async () => {
    const people = Array.from({ length: 120 }, (_, i) => ({ sub: `seed-${i}`, unit: `unit-${i % 7}` }));
    const records: object[] = people.map((person, i) => ({
      type: 'story',
      externalId: `s${i}`,
      occurredAt: at(i),
      member: person,
      title: `Practice number ${i}`,
      body: `How team ${i} works.`,
    }));
    for (const [i, person] of people.entries()) {
      records.push({
        type: 'comment',
        externalId: `c${i}`,
        occurredAt: at(200 + i),
        member: person,
        story: 's0',
        body: `Comment ${i}`,
      });
    }
    const res = await t
      .as(admin)
      .post('/v1/admin/import', ndjson(records), { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    const story = await t.db
      .selectFrom('stories')
      .select('id')
      .where('externalId', '=', 's0')
      .executeTakeFirstOrThrow();
    const adoption = await t.as(member).post(`/v1/stories/${story.id}/adoptions`, {});
    return { storyId: story.id, adoptionId: adoption.body.id as string };
  })();
  return seeded;
}

const stillAnswering = async () => {
  expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  const res = await t.as(makeMember()).post('/v1/stories', { title: 'Still here', body: 'Yes.' });
  expect(res.status).toBe(201);
};

const send = (caller: TestMember, method: 'POST' | 'PATCH' | 'PUT', url: string, body: string) =>
  t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${signToken(caller, TEST_JWT_SECRET)}`,
      'content-type': 'application/json',
    },
    payload: body,
  });

describe('request bodies', () => {
  const bodyRoutes = async () => {
    const { storyId, adoptionId } = await seed();
    return [
      ['POST', '/v1/stories', (big: string) => ({ title: 'big', body: big })],
      ['PATCH', `/v1/stories/${storyId}`, (big: string) => ({ body: big })],
      ['POST', `/v1/stories/${storyId}/comments`, (big: string) => ({ body: big })],
      ['POST', `/v1/stories/${storyId}/engagements`, (big: string) => ({ kind: 'view', pad: big })],
      ['POST', `/v1/stories/${storyId}/adoptions`, (big: string) => ({ note: big })],
      ['PATCH', `/v1/adoptions/${adoptionId}`, (big: string) => ({ outcome: big })],
      ['POST', `/v1/stories/${storyId}/amplify`, (big: string) => ({ headline: 'x', summary: big })],
      ['POST', `/v1/hot-spots/${storyId}/dismiss`, (big: string) => ({ reason: big })],
      ['PUT', '/v1/business-units/finance', (big: string) => ({ name: big })],
    ] as const;
  };

  it('over 1 MiB → 413 problem+json on every JSON route, nothing stored', async () => {
    const routes = await bodyRoutes();
    const before = await t.db.selectFrom('stories').select('id').execute();
    for (const [method, url, body] of routes) {
      const res = await send(admin, method, url, JSON.stringify(body('x'.repeat(MiB + 16))));
      expect(res.statusCode, `${method} ${url}`).toBe(413);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('payload_too_large');
    }
    expect(await t.db.selectFrom('stories').select('id').execute()).toEqual(before);
  });

  const nested = (key: string, depth: number) => `${`{"${key}":`.repeat(depth)}1${'}'.repeat(depth)}`;
  it.each([
    ['10,000 levels of {"a":', nested('a', 10_000)],
    ['100,000 levels of {"a":', nested('a', 100_000)],
    ['100,000 levels of [', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['10,000 levels of {"constructor":', nested('constructor', 10_000)],
    ['10,000 levels of {"__proto__":', nested('__proto__', 10_000)],
    ['10,000 levels of {"title":', nested('title', 10_000)],
    ['10,000 unclosed levels', '{"a":'.repeat(10_000)],
  ])('%s → never 5xx on any JSON route, and the process keeps answering', async (_n, body) => {
    const routes = await bodyRoutes();
    for (const [method, url] of routes) {
      const res = await send(admin, method, url, body);
      // Where every field is optional (PATCH), the unknown key is dropped and the empty change is a 200.
      expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
      if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const create = await send(member, 'POST', '/v1/stories', body);
    expect([400, 413]).toContain(create.statusCode);
    expect(create.headers['content-type']).toContain('application/problem+json');
    await stillAnswering();
  });

  it.each([
    ['title', (deep: string) => `{"title":${deep},"body":"x"}`],
    ['body', (deep: string) => `{"title":"x","body":${deep}}`],
    ['tags', (deep: string) => `{"title":"x","body":"x","tags":[${deep}]}`],
  ])('10,000 levels inside %s of a new story → 400 naming it, nothing stored', async (field, wrap) => {
    const before = await t.db.selectFrom('stories').select('id').execute();
    const res = await send(member, 'POST', '/v1/stories', wrap(nested('a', 10_000)));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain(field);
    expect(await t.db.selectFrom('stories').select('id').execute()).toEqual(before);
    await stillAnswering();
  });

  it('a deeply nested import line is reported as a bad line, never 5xx', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const res = await t.as(admin).post('/v1/admin/import', `${deep}\n${deep.replaceAll('"a"', '"type"')}\n`, {
      'content-type': 'application/x-ndjson',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 0 });
    expect(res.body.errors.map((error: { line: number }) => error.line)).toEqual([1, 2]);
    await stillAnswering();
  });
});

describe('page sizes', () => {
  const lists = async () => {
    const { storyId } = await seed();
    return [
      ['/v1/feed', member, (body: any) => body.items],
      ['/v1/practices', member, (body: any) => body.items],
      [`/v1/stories/${storyId}/comments`, member, (body: any) => body.items],
      [`/v1/stories/${storyId}/adoptions`, member, (body: any) => body.items],
      ['/v1/me/adoptions', member, (body: any) => body.items],
      ['/v1/search?q=practice', member, (body: any) => body.items],
      ['/v1/hot-spots', curator, (body: any) => body.items],
      ['/v1/amplifications', curator, (body: any) => body.items],
    ] as const;
  };
  const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

  it.each(['1000000', '101', '99999999999999999999', '1e400', 'Infinity'])(
    'limit=%s → 200 with at most 100 items',
    async (limit) => {
      for (const [url, caller, items] of await lists()) {
        const res = await t.as(caller).get(withQuery(url, `limit=${limit}`));
        expect(res.status, url).toBe(200);
        expect(items(res.body).length, url).toBeLessThanOrEqual(100);
      }
      // Where there are more than 100, exactly 100 come back.
      const { storyId } = await seed();
      expect((await t.as(member).get(`/v1/feed?limit=${limit}`)).body.items).toHaveLength(100);
      expect(
        (await t.as(member).get(`/v1/stories/${storyId}/comments?limit=${limit}`)).body.items,
      ).toHaveLength(100);
    },
  );

  // Not listed: `limit=-Infinity`, which passes validation and answers 500 on most lists (see the report).
  it.each(['-1', 'abc', '0', '-0', '1.5', 'NaN', '[]', '%00'])(
    'limit=%s → 400 problem+json naming limit',
    async (limit) => {
      for (const [url, caller] of await lists()) {
        const res = await t.as(caller).get(withQuery(url, `limit=${limit}`));
        expect(res.status, url).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.detail, url).toContain('limit');
      }
    },
  );

  it.each([
    ['garbage', 'garbage'],
    ['not base64 JSON', Buffer.from('{{{').toString('base64url')],
    [
      'a negative offset',
      Buffer.from(JSON.stringify(['00000000-0000-4000-8000-000000000000', -1])).toString('base64url'),
    ],
    [
      'a huge offset',
      Buffer.from(JSON.stringify(['00000000-0000-4000-8000-000000000000', 1e300])).toString('base64url'),
    ],
    [
      'a snapshot id that is not a uuid',
      Buffer.from(JSON.stringify(['x'.repeat(36), 0])).toString('base64url'),
    ],
    ['513 characters', 'a'.repeat(513)],
  ])('a feed cursor that is %s → 400, never 5xx', async (_kind, cursor) => {
    const res = await t.as(member).get(`/v1/feed?cursor=${encodeURIComponent(cursor)}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('string lengths', () => {
  const cases: Array<[string, 'POST' | 'PATCH' | 'PUT', (id: string) => string, object, string]> = [
    ['title of 201', 'POST', () => '/v1/stories', { title: 'x'.repeat(201), body: 'x' }, 'title'],
    ['body of 20,001', 'POST', () => '/v1/stories', { title: 'x', body: 'x'.repeat(20_001) }, 'body'],
    ['tag of 41', 'POST', () => '/v1/stories', { title: 'x', body: 'x', tags: ['x'.repeat(41)] }, 'tags'],
    [
      '11 tags',
      'POST',
      () => '/v1/stories',
      { title: 'x', body: 'x', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      'tags',
    ],
    ['edited title of 201', 'PATCH', (id) => `/v1/stories/${id}`, { title: 'x'.repeat(201) }, 'title'],
    ['comment of 5,001', 'POST', (id) => `/v1/stories/${id}/comments`, { body: 'x'.repeat(5_001) }, 'body'],
    [
      'adoption note of 2,001',
      'POST',
      (id) => `/v1/stories/${id}/adoptions`,
      { note: 'x'.repeat(2_001) },
      'note',
    ],
    [
      'headline of 201',
      'POST',
      (id) => `/v1/stories/${id}/amplify`,
      { headline: 'x'.repeat(201) },
      'headline',
    ],
    [
      'dismissal reason of 1,001',
      'POST',
      (id) => `/v1/hot-spots/${id}/dismiss`,
      { reason: 'x'.repeat(1_001) },
      'reason',
    ],
    ['unit name of 201', 'PUT', () => '/v1/business-units/finance', { name: 'x'.repeat(201) }, 'name'],
  ];
  it.each(cases)(
    'a %s characters → 400 naming the field, nothing stored',
    async (_label, method, url, body, field) => {
      const { storyId } = await seed();
      const before = await t.db.selectFrom('stories').select(['id', 'title', 'body', 'tags']).execute();
      const res = await send(admin, method, url(storyId), JSON.stringify(body));
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toContain(field);
      expect(res.json().errors[0].field.startsWith(`body.${field}`)).toBe(true);
      expect(await t.db.selectFrom('stories').select(['id', 'title', 'body', 'tags']).execute()).toEqual(
        before,
      );
    },
  );

  it('a search query over 500 characters → 400 naming q', async () => {
    const res = await t.as(member).get(`/v1/search?q=${'x'.repeat(501)}`);
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('q');
  });
});

describe('a ~100 MB NDJSON import', () => {
  it('is streamed: memory stays flat and the reported errors are capped', async () => {
    const pad = 'p'.repeat(180);
    const line = (i: number) =>
      JSON.stringify({
        type: 'engagement',
        externalId: `unknown-${i}-${pad}`,
        occurredAt: '2026-01-01T00:00:00Z',
        member: { sub: 'bulk-importer', name: `Bulk ${pad}`, unit: 'finance' },
        story: `no-such-story-${pad}`,
        kind: 'view',
      }) + '\n';
    const lineBytes = Buffer.byteLength(line(0));
    const target = 100 * MiB;
    const lines = Math.ceil(target / lineBytes);
    let produced = 0;
    async function* chunks() {
      // ~64 KB chunks, made on demand: the test holds no more than one chunk at a time.
      for (let i = 0; i < lines;) {
        let chunk = '';
        for (let end = Math.min(lines, i + 100); i < end; i += 1) chunk += line(i);
        produced += chunk.length;
        yield chunk;
      }
    }

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 25);
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/admin/import',
        headers: {
          authorization: `Bearer ${signToken(admin, TEST_JWT_SECRET)}`,
          'content-type': 'application/x-ndjson',
        },
        payload: Readable.from(chunks(), { objectMode: false }),
      });
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(produced).toBeGreaterThanOrEqual(target);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.imported).toBe(0);
      expect(body.errors).toHaveLength(1_000);
      expect(body.errors[0]).toEqual({
        line: 1,
        detail: expect.stringContaining('no story with externalId'),
      });
      expect(res.rawPayload.length).toBeLessThan(1 * MiB);
    } finally {
      clearInterval(sampler);
    }
    expect(peak - baseline).toBeLessThan(150 * MiB);
    expect(
      await t.db
        .selectFrom('engagements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 0 });
  }, 120_000);

  it('a single 100 MB line without a newline is one bad line, never 5xx', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    async function* oneLongLine() {
      for (let i = 0; i < 1_600; i += 1) yield chunk;
      yield '\n{"type":"unknown"}\n';
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/import',
      headers: {
        authorization: `Bearer ${signToken(admin, TEST_JWT_SECRET)}`,
        'content-type': 'application/x-ndjson',
      },
      payload: Readable.from(oneLongLine()),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      imported: 0,
      skipped: 0,
      errors: [
        { line: 1, detail: 'not valid JSON' },
        { line: 2, detail: expect.stringContaining('type must be one of') },
      ],
    });
    await stillAnswering();
  }, 60_000);
});
