import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeMember, type TestMember, useHarness } from '@kf/testing';

const t = useHarness();
const member = makeMember({ unit: 'finance' });
const curator = makeMember({ roles: ['member', 'curator'], unit: 'people' });
const hr = makeMember({ roles: ['member', 'hr'], unit: 'people' });
const ID = '00000000-0000-4000-8000-000000000000';

async function rowCounts() {
  const counts: Record<string, number> = {};
  for (const table of ['stories', 'engagements', 'comments', 'adoptions', 'amplifications'] as const) {
    counts[table] = (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  }
  return counts;
}

describe('function level: every curator, HR and admin route refuses lower roles', () => {
  const routes: Array<[string, string, unknown, TestMember[]]> = [
    ['POST', `/v1/stories/${ID}/amplify`, { headline: 'x' }, [member, hr]],
    ['PATCH', `/v1/amplifications/${ID}`, { headline: 'x' }, [member, hr]],
    ['DELETE', `/v1/amplifications/${ID}`, undefined, [member, hr]],
    ['POST', `/v1/hot-spots/${ID}/dismiss`, { reason: 'x' }, [member, hr]],
    ['GET', '/v1/hot-spots', undefined, [member]],
    ['GET', '/v1/amplifications', undefined, [member]],
    ['GET', `/v1/amplifications/${ID}/spread`, undefined, [member]],
    ['GET', '/v1/reports/weekly', undefined, [member, curator]],
    ['GET', '/v1/reports/weekly/2026-W40', undefined, [member, curator]],
    ['POST', '/v1/reports/weekly/2026-W40/send', undefined, [member, curator]],
    ['POST', '/v1/reports/weekly/2026-W40/rebuild', undefined, [member, curator, hr]],
    ['GET', '/v1/business-units', undefined, [member, curator, hr]],
    ['PUT', '/v1/business-units/x', { name: 'X' }, [member, curator, hr]],
    ['POST', '/v1/admin/rescore', undefined, [member, curator, hr]],
    ['POST', '/v1/admin/import', '{}', [member, curator, hr]],
  ];
  it.each(
    routes.flatMap(([method, url, body, callers]) =>
      callers.map((caller) => [method, url, caller.roles.join('+'), body, caller] as const),
    ),
  )('%s %s as %s → 403', async (method, url, _roles, body, caller) => {
    const client = t.as(caller);
    const res =
      method === 'GET'
        ? await client.get(url)
        : method === 'DELETE'
          ? await client.delete(url)
          : await client[method.toLowerCase() as 'post' | 'patch' | 'put'](url, body);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });
});

describe('object level', () => {
  // 400 for ids of the wrong shape; a 2,000-character one is refused earlier, as 414 URI Too Long.
  it.each([
    ['not-a-uuid', 400],
    ['1 OR 1=1', 400],
    ['..%2F..%2Fetc%2Fpasswd', 400],
    ['x'.repeat(2_000), 414],
  ] as const)('answers a 4xx, never a 5xx, for the id %#', async (id, status) => {
    for (const url of [`/v1/stories/${id}`, `/v1/practices/${id}`, `/v1/stories/${id}/comments`]) {
      expect((await t.as(member).get(url)).status, url).toBe(status);
    }
    expect((await t.as(member).patch(`/v1/adoptions/${id}`, { status: 'adopted' })).status).toBe(status);
    expect((await t.as(curator).get(`/v1/amplifications/${id}`)).status).toBe(status);
  });

  it("keeps another member's objects out of reach and unchanged", async () => {
    const { body: story } = await t.as(member).post('/v1/stories', { title: 'Mine', body: 'Mine.' });
    const other = makeMember();
    expect((await t.as(other).patch(`/v1/stories/${story.id}`, { title: 'Theirs' })).status).toBe(403);
    expect((await t.as(other).delete(`/v1/stories/${story.id}`)).status).toBe(403);
    const { body: adoption } = await t.as(member).post(`/v1/stories/${story.id}/adoptions`, {});
    expect((await t.as(other).patch(`/v1/adoptions/${adoption.id}`, { status: 'dropped' })).status).toBe(403);
    const after = await t.as(member).get(`/v1/stories/${story.id}`);
    expect(after.body.title).toBe('Mine');
    expect((await t.as(member).get('/v1/me/adoptions')).body.items[0].status).toBe('trying');
  });
});

describe('property level', () => {
  it('ignores id, author, counts, scores, hot spot and dates set by a member', async () => {
    const { body: story } = await t.as(member).post('/v1/stories', { title: 'Honest', body: 'x' });
    const res = await t.as(member).patch(`/v1/stories/${story.id}`, {
      id: ID,
      author: { id: 'ceo' },
      counts: { views: 9 },
      scores: { hot: 9 },
      hotSpot: { flagged: true },
      createdAt: '2001-01-01T00:00:00Z',
      title: 'Still honest',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: story.id,
      author: { id: member.id },
      createdAt: story.createdAt,
      title: 'Still honest',
    });
    expect(res.body.counts.views).toBe(0);
    expect(res.body.hotSpot.flagged).toBe(false);
  });
});

describe('resource consumption', () => {
  it('refuses deep JSON and oversized strings with a 4xx and keeps answering', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const res = await t.as(member).post('/v1/stories', deep);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const long = await t.as(member).post('/v1/stories', { title: 'x'.repeat(201), body: 'x' });
    expect(long.status).toBe(400);
    expect(long.body.detail).toContain('title');
    expect((await t.as(member).get('/healthz')).status).toBe(200);
  });

  it('caps huge limits at 100 and refuses malformed ones', async () => {
    for (const url of [
      '/v1/feed?limit=1000000',
      '/v1/practices?limit=1000000',
      '/v1/me/adoptions?limit=1000000',
    ]) {
      const res = await t.as(member).get(url);
      expect(res.status, url).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(100);
    }
    for (const url of ['/v1/feed?limit=-1', '/v1/feed?limit=abc', '/v1/practices?limit=0']) {
      expect((await t.as(member).get(url)).status, url).toBe(400);
    }
  });
});

describe('property-based: random and malformed bodies', () => {
  const anyBody = fc.oneof(
    fc.anything(),
    fc.record({ title: fc.anything(), body: fc.anything(), tags: fc.anything() }, { requiredKeys: [] }),
    fc.record({ kind: fc.oneof(fc.constantFrom('view', 'reaction', 'share', 'like', ''), fc.anything()) }),
    fc.string(),
  );

  it('never answer 5xx, and a 4xx changes nothing', async () => {
    const { body: story } = await t.as(member).post('/v1/stories', { title: 'Target', body: 'x' });
    const admin = makeMember({ roles: ['admin'] });
    await fc.assert(
      fc.asyncProperty(anyBody, fc.constantFrom('story', 'engagement', 'import'), async (body, target) => {
        const before = await rowCounts();
        const payload = typeof body === 'string' ? body : (JSON.stringify(body) ?? 'null');
        const res =
          target === 'story'
            ? await t.as(member).post('/v1/stories', payload)
            : target === 'engagement'
              ? await t.as(makeMember()).post(`/v1/stories/${story.id}/engagements`, payload)
              : await t.as(admin).post('/v1/admin/import', `${payload}\n${payload}`, {
                  'content-type': 'application/x-ndjson',
                });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(await rowCounts()).toEqual(before);
        if (target === 'import') expect(res.body.imported).toBe(0);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
