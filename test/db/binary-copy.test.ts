import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { copyQueryRows, StoryIndexMirror, storyTerms } from '@kf/db';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness();

describe('reading rows through a binary COPY', () => {
  it('gives every field as a SELECT does, across chunk boundaries, NULLs, empty and multi-byte values', async () => {
    // ~40 bytes a row over 20,000 rows: the stream arrives in many chunks, rows split between them.
    const query = sql<{ n: number; label: string | null; bytes: Buffer }>`
      select g as n,
             case when g % 7 = 0 then null else repeat('é', g % 5) || g end as label,
             decode(repeat(lpad(to_hex(g % 256), 2, '0'), g % 9), 'hex') as bytes
      from generate_series(1, 20000) g`;
    const expected = (await query.execute(t.db)).rows;
    const read: { n: number; label: string | null; bytes: Buffer }[] = [];
    await copyQueryRows(t.db, query.compile(t.db), (data, starts, ends) => {
      read.push({
        n: data.readInt32BE(starts[0]!),
        label: starts[1] === -1 ? null : data.toString('utf8', starts[1]!, ends[1]!),
        bytes: Buffer.from(data.subarray(starts[2]!, ends[2]!)),
      });
    });
    expect(read).toEqual(expected);
  });

  it('refuses a query with parameters (COPY takes none)', async () => {
    const query = t.db.selectFrom('stories').select('id').where('title', '=', 'x').compile();
    await expect(copyQueryRows(t.db, query, () => undefined)).rejects.toThrow(/parameters/);
  });

  it("gives an index mirror's start the same rows as reading them with a SELECT", async () => {
    const member = makeMember({ unit: 'sales' });
    for (const title of ['Stand-ups that stay short', 'Self-managed teams in the warehouse'])
      await t.as(member).post('/v1/stories', { title, body: `${title}: what we tried, what worked.` });
    const mirror = new StoryIndexMirror(t.db);
    const [packed] = await mirror.pack([new Map([['standup', 2]])]);
    const [story] = await t.db.selectFrom('stories').select(['id']).execute();
    await storyTerms.upsertStoryTerms(t.db, [{ storyId: story!.id, ...packed!, deleted: false }]);
    const live: storyTerms.WrittenStoryTerms[] = [];
    await storyTerms.visitLiveStoryTerms(t.db, (row) =>
      live.push({ ...row, termIds: Buffer.from(row.termIds), counts: Buffer.from(row.counts) }),
    );
    const selected = await storyTerms.listStoryTermsWrittenSince(t.db, '0');
    expect(live).toEqual(selected.filter((row) => !row.deleted));
    expect(live).toHaveLength(1);
  });
});
