// OWASP API1:2023 Broken Object Level Authorization: another member's objects stay out of reach and
// unchanged, and ids of the wrong shape are refused as 4xx (never 5xx) before they reach the database.
import { describe, expect, it } from 'vitest';
import { makeMember, type TestMember, useHarness } from '@kf/testing';

const t = useHarness();

const author = makeMember({ unit: 'finance' });
const sameUnit = makeMember({ unit: 'finance' });
const stranger = makeMember({ unit: 'sales' });
const hr = makeMember({ unit: 'people', roles: ['member', 'hr'] });
const executive = makeMember({ unit: 'board', roles: ['member', 'executive'] });
const curator = makeMember({ unit: 'people', roles: ['member', 'curator'] });
const admin = makeMember({ unit: 'it', roles: ['member', 'admin'] });
const powerful = makeMember({ unit: 'it', roles: ['member', 'curator', 'admin', 'hr'] });

const storyRow = (id: string) =>
  t.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const adoptionRow = (id: string) =>
  t.db.selectFrom('adoptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function newStory(by: TestMember = author) {
  const res = await t.as(by).post('/v1/stories', {
    title: 'Walking one-on-ones',
    body: 'We walk.',
    tags: ['1:1'],
  });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe('stories: only the author, a curator or an admin may change one', () => {
  it.each([
    ['a member of the same unit', sameUnit],
    ['a member of another unit', stranger],
    ['hr', hr],
    ['an executive', executive],
  ] as const)('PATCH and DELETE by %s → 403, the story unchanged', async (_who, other) => {
    const story = await newStory();
    const before = await storyRow(story.id);

    const patch = await t.as(other).patch(`/v1/stories/${story.id}`, { title: 'Hijacked', tags: ['x'] });
    expect(patch.status).toBe(403);
    expect(patch.headers['content-type']).toContain('application/problem+json');
    expect(patch.body.code).toBe('forbidden');

    const del = await t.as(other).delete(`/v1/stories/${story.id}`);
    expect(del.status).toBe(403);
    expect(del.body.code).toBe('forbidden');

    expect(await storyRow(story.id)).toEqual(before);
    expect((await t.as(other).get(`/v1/stories/${story.id}`)).body.title).toBe('Walking one-on-ones');
  });

  it('the author, a curator and an admin may (the 403s are about ownership)', async () => {
    const story = await newStory();
    for (const [who, title] of [
      [author, 'By the author'],
      [curator, 'By a curator'],
      [admin, 'By an admin'],
    ] as const) {
      expect((await t.as(who).patch(`/v1/stories/${story.id}`, { title })).status).toBe(200);
      expect((await storyRow(story.id)).title).toBe(title);
    }
  });
});

describe('adoptions: only the adopter may follow one through', () => {
  it.each([
    ['the story author', 'author'],
    ['another member', 'stranger'],
    ['a curator', 'curator'],
    ['an admin', 'admin'],
  ] as const)('PATCH /v1/adoptions/:id by %s → 403, the adoption unchanged', async (_who, role) => {
    const story = await newStory();
    const adopter = makeMember({ unit: 'logistics' });
    const adoption = await t.as(adopter).post(`/v1/stories/${story.id}/adoptions`, { note: 'Trying it' });
    expect(adoption.status).toBe(201);
    const before = await adoptionRow(adoption.body.id);
    const other = { author, stranger, curator, admin }[role];

    const res = await t
      .as(other)
      .patch(`/v1/adoptions/${adoption.body.id}`, { status: 'dropped', outcome: 'Did not work' });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('forbidden');
    expect(await adoptionRow(adoption.body.id)).toEqual(before);

    // The caller's own list never shows it either.
    const mine = await t.as(other).get('/v1/me/adoptions');
    expect(mine.body.items.map((item: { id: string }) => item.id)).not.toContain(adoption.body.id);
  });
});

describe('POST /v1/amplifications/:id/dismiss affects the caller only', () => {
  it('hides the headline for the caller and nobody else, and leaves the amplification active', async () => {
    const story = await newStory();
    const amplified = await t.as(curator).post(`/v1/stories/${story.id}/amplify`, { headline: 'Walk' });
    expect(amplified.status).toBe(201);
    const headlineIds = async (who: TestMember) =>
      ((await t.as(who).get('/v1/feed')).body.headlines as Array<{ id: string }>).map((item) => item.id);
    expect(await headlineIds(stranger)).toContain(story.id);

    const res = await t.as(stranger).post(`/v1/amplifications/${amplified.body.id}/dismiss`);
    expect(res.status).toBe(204);
    // Twice is the same as once.
    expect((await t.as(stranger).post(`/v1/amplifications/${amplified.body.id}/dismiss`)).status).toBe(204);

    expect(await headlineIds(stranger)).not.toContain(story.id);
    expect(await headlineIds(sameUnit)).toContain(story.id);
    expect(await headlineIds(author)).toContain(story.id);
    const dismissals = await t.db
      .selectFrom('amplificationDismissals')
      .select(['memberId'])
      .where('amplificationId', '=', amplified.body.id)
      .execute();
    expect(dismissals).toEqual([{ memberId: stranger.id }]);
    const row = await t.db
      .selectFrom('amplifications')
      .select(['withdrawnAt', 'headline'])
      .where('id', '=', amplified.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ withdrawnAt: null, headline: 'Walk' });
  });

  it('answers 404 for an amplification that does not exist, and records nothing', async () => {
    const res = await t.as(stranger).post('/v1/amplifications/00000000-0000-4000-8000-000000000000/dismiss');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('ids of the wrong shape', () => {
  // Every route with an id in its path, called by someone whose roles let the call reach validation.
  const idRoutes: Array<[string, (id: string) => string, unknown]> = [
    ['GET', (id) => `/v1/stories/${id}`, undefined],
    ['PATCH', (id) => `/v1/stories/${id}`, { title: 'x' }],
    ['DELETE', (id) => `/v1/stories/${id}`, undefined],
    ['POST', (id) => `/v1/stories/${id}/engagements`, { kind: 'view' }],
    ['POST', (id) => `/v1/stories/${id}/comments`, { body: 'x' }],
    ['GET', (id) => `/v1/stories/${id}/comments`, undefined],
    ['POST', (id) => `/v1/stories/${id}/adoptions`, {}],
    ['GET', (id) => `/v1/stories/${id}/adoptions`, undefined],
    ['PATCH', (id) => `/v1/adoptions/${id}`, { status: 'adopted' }],
    ['POST', (id) => `/v1/stories/${id}/amplify`, { headline: 'x' }],
    ['GET', (id) => `/v1/amplifications/${id}`, undefined],
    ['PATCH', (id) => `/v1/amplifications/${id}`, { headline: 'x' }],
    ['DELETE', (id) => `/v1/amplifications/${id}`, undefined],
    ['POST', (id) => `/v1/amplifications/${id}/dismiss`, undefined],
    ['GET', (id) => `/v1/amplifications/${id}/spread`, undefined],
    ['POST', (id) => `/v1/hot-spots/${id}/dismiss`, { reason: 'x' }],
    ['GET', (id) => `/v1/practices/${id}`, undefined],
    ['GET', (id) => `/v1/reports/weekly/${id}`, undefined],
    ['POST', (id) => `/v1/reports/weekly/${id}/send`, undefined],
    ['POST', (id) => `/v1/reports/weekly/${id}/rebuild`, undefined],
  ];

  const call = (method: string, url: string, body: unknown) => {
    const client = t.as(powerful);
    if (method === 'GET') return client.get(url);
    if (method === 'DELETE') return client.delete(url);
    return client[method.toLowerCase() as 'post' | 'patch' | 'put'](url, body);
  };

  const shapes = [
    'not-a-uuid',
    '1 OR 1=1',
    "' OR '1'='1",
    '1; DROP TABLE stories; --',
    '../../etc/passwd',
    '00000000-0000-4000-8000-00000000000g',
    '{"$ne":null}',
    '%00',
    'ÄÖÜ-ünï-cødé',
    '-1',
    '2026-W99-x',
  ];

  it.each(shapes)('%j → 400 problem+json on every id route, nothing stored', async (raw) => {
    const before = await t.db
      .selectFrom('stories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const id = raw === '%00' ? raw : encodeURIComponent(raw);
    for (const [method, url, body] of idRoutes) {
      const res = await call(method, url(id), body);
      expect(res.status, `${method} ${url(id)}`).toBe(400);
      expect(res.headers['content-type'], `${method} ${url(id)}`).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
    }
    const after = await t.db
      .selectFrom('stories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it.each(['Finance', 'two words', '../../etc', '1 OR 1=1', '-leading-dash', 'x'.repeat(65), "'; --"])(
    'a business-unit slug %j → 400 problem+json, no unit stored',
    async (slug) => {
      const before = await t.db.selectFrom('businessUnits').select('slug').orderBy('slug').execute();
      const res = await t.as(powerful).put(`/v1/business-units/${encodeURIComponent(slug)}`, { name: 'x' });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(await t.db.selectFrom('businessUnits').select('slug').orderBy('slug').execute()).toEqual(before);
    },
  );

  it('an unencoded ../ path is resolved by the router and meets no route: 404, never 5xx', async () => {
    for (const url of ['/v1/stories/../../etc/passwd', '/v1/stories/../admin/rescore']) {
      const res = await t.as(powerful).get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it.each([101, 2_000, 20_000])('an id of %i characters → 4xx, never 5xx', async (length) => {
    for (const [method, url, body] of idRoutes) {
      const res = await call(method, url('a'.repeat(length)), body);
      expect(res.status, `${method} ${url('…')}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${url('…')}`).toBeLessThan(500);
      // Not asserted (see the report): over fastify's maxParamLength (100) the answer is fastify's own
      // 414 `application/json` body, not the contract's problem+json.
    }
  });

  it('an id that is a well-formed uuid of nothing → 404 problem+json', async () => {
    const missing = '5f1a8e3c-8c1d-4b7e-9c2a-0d3e4f5a6b7c';
    for (const [method, url, body] of idRoutes.slice(0, 17)) {
      const res = await call(method, url(missing), body);
      expect(res.status, `${method} ${url(missing)}`).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
