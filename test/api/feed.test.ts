import { describe, expect, it } from 'vitest';
import { makeMember, makeMembers, useHarness } from '@kf/testing';

const t = useHarness({ worker: true });

describe('GET /v1/feed', () => {
  it('pages through 65 stories with limit 7 while scores change: no repeats, no gaps', async () => {
    const created: string[] = [];
    for (let i = 0; i < 65; i += 1) {
      const res = await t.as(makeMember({ unit: `unit-${i % 6}` })).post('/v1/stories', {
        title: `Practice number ${i}`,
        body: `A story about practice ${i}.`,
        tags: [i % 2 ? 'odd' : 'even'],
      });
      created.push(res.body.id);
    }
    // Some engagement so that ranking is not just recency.
    for (const [i, member] of makeMembers(12, { unit: 'sales' }).entries()) {
      await t.as(member).post(`/v1/stories/${created[i * 5]}/engagements`, { kind: 'reaction' });
    }
    await t.drain();

    const reader = makeMember();
    const admin = makeMember({ roles: ['admin'] });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: {
        status: number;
        body: { items: { id: string }[]; headlines: unknown[]; nextCursor: string | null };
      } = await t.as(reader).get(`/v1/feed?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      if (pages > 0) expect(res.body.headlines).toEqual([]);
      seen.push(...res.body.items.map((story) => story.id));
      cursor = res.body.nextCursor;
      pages += 1;
      // Scores move under the reader's feet: a full rescore and fresh engagement between pages.
      expect((await t.as(admin).post('/v1/admin/rescore')).status).toBe(202);
      for (const member of makeMembers(3, { unit: 'operations' })) {
        await t.as(member).post(`/v1/stories/${created[64 - pages]}/engagements`, { kind: 'share' });
      }
    } while (cursor);
    expect(pages).toBe(10);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...created].sort());
  });

  it('ranks by hot score, filters by unit and tag, and leaves out deleted stories', async () => {
    const author = makeMember({ unit: 'finance' });
    const quiet = await t
      .as(author)
      .post('/v1/stories', { title: 'Quiet', body: 'Nobody engaged.', tags: ['x'] });
    const busy = await t
      .as(makeMember({ unit: 'sales' }))
      .post('/v1/stories', { title: 'Busy', body: 'Many engaged.', tags: ['x'] });
    const gone = await t.as(author).post('/v1/stories', { title: 'Gone', body: 'Deleted.', tags: ['x'] });
    const units = ['hr', 'legal', 'ops', 'it', 'finance'];
    for (const [i, member] of makeMembers(10).entries()) {
      member.unit = units[i % units.length]!;
      await t.as(member).post(`/v1/stories/${busy.body.id}/engagements`, { kind: 'share' });
      await t.as(member).post(`/v1/stories/${busy.body.id}/adoptions`, {});
    }
    await t.as(author).delete(`/v1/stories/${gone.body.id}`);
    await t.drain();

    const all = await t.as(makeMember()).get('/v1/feed?tag=x');
    expect(all.body.items.map((s: { id: string }) => s.id)).toEqual([busy.body.id, quiet.body.id]);
    expect(all.body.items[0].scores.hot).toBeGreaterThan(0);
    const finance = await t.as(makeMember()).get('/v1/feed?unit=finance');
    expect(finance.body.items.map((s: { id: string }) => s.id)).toEqual([quiet.body.id]);
    expect((await t.as(makeMember()).get('/v1/feed?cursor=bogus')).status).toBe(400);
    expect((await t.as(makeMember()).get('/v1/feed?limit=1000')).status).toBe(200);
  });

  it('serves a page from memory for a second, but a story deleted meanwhile leaves it at once', async () => {
    const author = makeMember({ unit: 'finance' });
    const kept = await t.as(author).post('/v1/stories', { title: 'Kept', body: 'Stays.', tags: ['cache'] });
    const gone = await t.as(author).post('/v1/stories', { title: 'Gone', body: 'Goes.', tags: ['cache'] });
    const ids = async () =>
      (await t.as(makeMember()).get('/v1/feed?tag=cache')).body.items.map((s: { id: string }) => s.id);
    expect(await ids()).toEqual([gone.body.id, kept.body.id]);
    await t.as(author).delete(`/v1/stories/${gone.body.id}`);
    expect(await ids()).toEqual([kept.body.id]);
  });

  it('answers what its schema documents: headlines and items as their story pages show them, then the cursor', async () => {
    const author = makeMember({ unit: 'legal' });
    const post = async (title: string) =>
      (
        await t.as(author).post('/v1/stories', {
          title,
          body: `"${title}": quotes, a backslash \\, a line break\nand é — as written.`,
          tags: ['shape'],
        })
      ).body.id as string;
    const [headline, other] = [await post('Amplified'), await post('Listed')];
    const curator = makeMember({ roles: ['curator'] });
    expect(
      (await t.as(curator).post(`/v1/stories/${headline}/amplify`, { headline: 'Read this' })).status,
    ).toBe(201);
    const pageOf = async (id: string) => {
      const { similar: _similar, ...shown } = (await t.as(makeMember()).get(`/v1/stories/${id}`)).body;
      return shown;
    };

    const res = await t.as(makeMember()).get('/v1/feed?tag=shape&limit=1');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(res.body)).toEqual(['headlines', 'items', 'nextCursor']);
    expect(res.body.headlines).toEqual([await pageOf(headline)]);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toEqual(await pageOf(res.body.items[0].id));
    expect([headline, other]).toContain(res.body.items[0].id);
    expect(typeof res.body.nextCursor).toBe('string');
  });
});
