// OWASP API5:2023 Broken Function Level Authorization: every curator, HR and admin route refuses each lower
// role with 403 problem+json, on real objects, and leaves no trace of the refused call.
import { beforeEach, describe, expect, it } from 'vitest';
import { makeMember, type TestMember, useHarness } from '@kf/testing';

const t = useHarness();

const member = makeMember({ unit: 'finance', roles: ['member'] });
const executive = makeMember({ unit: 'board', roles: ['member', 'executive'] });
const hr = makeMember({ unit: 'people', roles: ['member', 'hr'] });
const curator = makeMember({ unit: 'people', roles: ['member', 'curator'] });
const curatorAndHr = makeMember({ unit: 'people', roles: ['member', 'curator', 'hr'] });
const admin = makeMember({ unit: 'it', roles: ['member', 'admin'] });

const named: Record<string, TestMember> = { member, executive, hr, curator, 'curator+hr': curatorAndHr };

interface Fixture {
  storyId: string;
  amplificationId: string;
}
let fixture: Promise<Fixture> | undefined;

/** One story with an active amplification, made once for the file (the database lives as long as the file). */
async function makeFixture(): Promise<Fixture> {
  // Members and their units are created on first sight: meet everyone first, so only refused calls remain.
  for (const caller of [...Object.values(named), admin]) {
    expect((await t.as(caller).get('/v1/me/adoptions')).status).toBe(200);
  }
  const story = await t.as(member).post('/v1/stories', { title: 'Walking one-on-ones', body: 'We walk.' });
  expect(story.status).toBe(201);
  const amplification = await t
    .as(curator)
    .post(`/v1/stories/${story.body.id}/amplify`, { headline: 'Walk and talk' });
  expect(amplification.status).toBe(201);
  return { storyId: story.body.id, amplificationId: amplification.body.id };
}

beforeEach(async () => {
  fixture ??= makeFixture();
  await fixture;
});

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Route {
  method: Method;
  url: (f: Fixture) => string;
  body?: unknown;
  contentType?: string;
  refused: string[];
}

const curatorWrites = ['member', 'executive', 'hr'];
const curatorReads = ['member', 'executive'];
const hrRoutes = ['member', 'executive', 'curator'];
const adminRoutes = ['member', 'executive', 'curator', 'hr', 'curator+hr'];

const routes: Route[] = [
  // Curation
  {
    method: 'POST',
    url: (f) => `/v1/stories/${f.storyId}/amplify`,
    body: { headline: 'Mine now' },
    refused: curatorWrites,
  },
  {
    method: 'PATCH',
    url: (f) => `/v1/amplifications/${f.amplificationId}`,
    body: { headline: 'Rewritten' },
    refused: curatorWrites,
  },
  { method: 'DELETE', url: (f) => `/v1/amplifications/${f.amplificationId}`, refused: curatorWrites },
  {
    method: 'POST',
    url: (f) => `/v1/hot-spots/${f.storyId}/dismiss`,
    body: { reason: 'not interesting' },
    refused: curatorWrites,
  },
  { method: 'GET', url: () => '/v1/hot-spots', refused: curatorReads },
  { method: 'GET', url: () => '/v1/hot-spots?status=dismissed', refused: curatorReads },
  { method: 'GET', url: () => '/v1/amplifications', refused: curatorReads },
  { method: 'GET', url: (f) => `/v1/amplifications/${f.amplificationId}`, refused: curatorReads },
  { method: 'GET', url: (f) => `/v1/amplifications/${f.amplificationId}/spread`, refused: curatorReads },
  // HR
  { method: 'GET', url: () => '/v1/reports/weekly', refused: hrRoutes },
  { method: 'GET', url: () => '/v1/reports/weekly/2026-W40', refused: hrRoutes },
  { method: 'GET', url: () => '/v1/reports/weekly/2026-W40?format=csv', refused: hrRoutes },
  { method: 'POST', url: () => '/v1/reports/weekly/2026-W40/send', refused: hrRoutes },
  { method: 'POST', url: () => '/v1/reports/weekly/2026-W40/send?force=true', refused: hrRoutes },
  // Administration
  { method: 'GET', url: () => '/v1/business-units', refused: adminRoutes },
  {
    method: 'PUT',
    url: () => '/v1/business-units/x',
    body: { name: 'X', division: 'Y' },
    refused: adminRoutes,
  },
  {
    method: 'POST',
    url: () => '/v1/admin/import',
    body:
      JSON.stringify({
        type: 'story',
        externalId: 'smuggled',
        occurredAt: '2026-01-01T00:00:00Z',
        member: { sub: 'smuggler', unit: 'finance', roles: ['admin'] },
        title: 'Smuggled',
        body: 'Smuggled in.',
      }) + '\n',
    contentType: 'application/x-ndjson',
    refused: adminRoutes,
  },
  { method: 'POST', url: () => '/v1/admin/rescore', refused: adminRoutes },
  { method: 'POST', url: () => '/v1/reports/weekly/2026-W40/rebuild', refused: adminRoutes },
];

async function call(caller: TestMember, method: Method, url: string, body?: unknown, contentType?: string) {
  const client = t.as(caller);
  const headers = contentType ? { 'content-type': contentType } : undefined;
  switch (method) {
    case 'GET':
      return client.get(url, headers);
    case 'DELETE':
      return client.delete(url, headers);
    case 'POST':
      return client.post(url, body, headers);
    case 'PATCH':
      return client.patch(url, body, headers);
    case 'PUT':
      return client.put(url, body, headers);
  }
}

async function sideEffects() {
  const count = async (
    table:
      | 'amplifications'
      | 'amplificationAudit'
      | 'hotSpotReviews'
      | 'weeklyReports'
      | 'reportDeliveries'
      | 'stories'
      | 'members',
  ) =>
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const amplifications = await t.db
    .selectFrom('amplifications')
    .select(['id', 'headline', 'summary', 'expiresAt', 'withdrawnAt'])
    .orderBy('id')
    .execute();
  const units = await t.db.selectFrom('businessUnits').selectAll().orderBy('slug').execute();
  return {
    amplifications,
    units,
    audit: await count('amplificationAudit'),
    reviews: await count('hotSpotReviews'),
    reports: await count('weeklyReports'),
    deliveries: await count('reportDeliveries'),
    stories: await count('stories'),
    smuggler: await t.db.selectFrom('members').select('id').where('id', '=', 'smuggler').execute(),
  };
}

describe('function level authorisation', () => {
  const cases = routes.flatMap((route) =>
    route.refused.map((role) => ({
      ...route,
      role,
      label: `${route.method} ${route.url({ storyId: ':storyId', amplificationId: ':id' })}`,
    })),
  );

  it.each(cases)('$label as $role → 403 problem+json, nothing changed', async (route) => {
    const f = await fixture!;
    const before = await sideEffects();
    const res = await call(named[route.role]!, route.method, route.url(f), route.body, route.contentType);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await sideEffects()).toEqual(before);
  });

  it('refuses with 403 before looking the object up (no 404 oracle on ids)', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [method, url, body] of [
      ['POST', `/v1/stories/${missing}/amplify`, { headline: 'x' }],
      ['PATCH', `/v1/amplifications/${missing}`, { headline: 'x' }],
      ['DELETE', `/v1/amplifications/${missing}`, undefined],
      ['POST', `/v1/hot-spots/${missing}/dismiss`, { reason: 'x' }],
      ['GET', `/v1/amplifications/${missing}/spread`, undefined],
    ] as const) {
      const res = await call(member, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
    }
  });

  it('the allowed roles do get through (the 403s above are about roles, not broken routes)', async () => {
    const f = await fixture!;
    expect((await t.as(curator).get('/v1/hot-spots')).status).toBe(200);
    expect((await t.as(hr).get('/v1/hot-spots')).status).toBe(200);
    expect((await t.as(hr).get('/v1/amplifications')).status).toBe(200);
    expect((await t.as(hr).get(`/v1/amplifications/${f.amplificationId}/spread`)).status).toBe(200);
    expect((await t.as(hr).get('/v1/reports/weekly')).status).toBe(200);
    expect((await t.as(admin).get('/v1/business-units')).status).toBe(200);
    // A member still reads what every member may read.
    expect((await t.as(member).get('/v1/practices')).status).toBe(200);
    expect((await t.as(member).get(`/v1/stories/${f.storyId}`)).status).toBe(200);
  });
});
