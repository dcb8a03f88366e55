import { describe, expect, it } from 'vitest';
import { importLines } from '@kf/db';
import { useHarness } from '@kf/testing';

const t = useHarness({ databasePerTest: true });
const now = new Date(Date.UTC(2026, 9, 10));
const at = (day: number) => new Date(Date.UTC(2026, 9, day, 10)).toISOString();
const member = (sub: string, unit: string) => ({ sub, unit, roles: ['member', 'it"s \\ me'] });
const story = (externalId: string) =>
  JSON.stringify({
    type: 'story',
    externalId,
    occurredAt: at(1),
    member: member('alice', 'finance'),
    title: `Story ${externalId}`,
    body: 'What we tried.',
  });
const view = (externalId: string, storyId: string, sub: string) =>
  JSON.stringify({
    type: 'engagement',
    externalId,
    occurredAt: at(2),
    member: member(sub, 'sales'),
    story: storyId,
    kind: 'view',
  });

async function* linesOf(lines: string[], failAfter = Infinity) {
  for (const [i, line] of lines.entries()) {
    if (i === failAfter) throw new Error('the file could not be read further');
    yield line;
  }
}

const rowCount = async (table: 'stories' | 'engagements') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const rowCounts = async () => ({
  stories: await rowCount('stories'),
  engagements: await rowCount('engagements'),
});

describe('importLines, a batch applied while the next is read', () => {
  const lines = [
    story('s1'),
    view('e1', 's1', 'bob'),
    '{not json',
    view('e2', 'missing', 'bob'),
    story('s2'),
    view('e3', 's2', 'carol'),
    view('e4', 's1', 'dan'),
    JSON.stringify({ type: 'engagement' }),
    view('e5', 's2', 'erin'),
  ];

  it('applies batches in line order and reports errors as if each batch were read and applied in turn', async () => {
    const progress: number[] = [];
    const result = await importLines(t.db, linesOf(lines), {
      now,
      batchSize: 2,
      onProgress: ({ lines: read }) => progress.push(read),
    });
    // Stories created by one batch are found by the events of the next ones.
    expect(result).toMatchObject({ imported: 6, skipped: 0 });
    expect(result.errors.map((error) => error.line)).toEqual([3, 4, 8]);
    expect(result.errors[1]!.detail).toContain('missing');
    expect(progress).toEqual([2, 4, 6, 8, 9]);
    const members = await t.db.selectFrom('members').select(['id', 'roles']).orderBy('id').execute();
    expect(members).toEqual(
      ['alice', 'bob', 'carol', 'dan', 'erin'].map((id) => ({ id, roles: ['member', 'it"s \\ me'] })),
    );

    const again = await importLines(t.db, linesOf(lines), { now, batchSize: 2 });
    expect(again).toMatchObject({ imported: 0, skipped: 6 });
  });

  it('fails when the lines fail, with no batch written after it returns', async () => {
    const views = Array.from({ length: 999 }, (_, i) => view(`v${i}`, 's1', `member-${i}`));
    // Lines 1-500 and 501-1,000 make two batches; reading line 1,001 fails while the second is applied.
    await expect(
      importLines(t.db, linesOf([story('s1'), ...views, ...views], 1_000), { now, batchSize: 500 }),
    ).rejects.toThrow(/could not be read/);
    const written = await rowCounts();
    expect(written).toEqual({ stories: 1, engagements: 999 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await rowCounts()).toEqual(written);
  });
});
