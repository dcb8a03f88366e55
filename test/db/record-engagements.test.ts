import { describe, expect, it } from 'vitest';
import { engagements } from '@kf/db';
import { makeMember, type TestMember, useHarness } from '@kf/testing';

const t = useHarness({ databasePerTest: true });
const day = (n: number) => new Date(Date.UTC(2026, 10, n, 10));

/** A stored member (the API stores callers on their first request). */
async function storedMember(unit: string): Promise<TestMember> {
  const member = makeMember({ unit });
  await t.as(member).get('/v1/feed');
  return member;
}

async function postStory(author: TestMember) {
  const { body } = await t.as(author).post('/v1/stories', { title: 'Walking one-on-ones', body: 'x' });
  return body.id as string;
}

const engagementCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('engagements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('recordEngagements (engagements posted at once, one statement)', () => {
  it('answers each in order: missing or deleted stories, the first of a repeat, the author, a view a day', async () => {
    const [author, reader] = [await storedMember('finance'), await storedMember('sales')];
    const [live, deleted] = [await postStory(author), await postStory(author)];
    expect((await t.as(author).delete(`/v1/stories/${deleted}`)).status).toBe(204);
    const engagement = (storyId: string, member: TestMember, kind: 'view' | 'reaction', at = day(1)) => ({
      storyId,
      memberId: member.id,
      unitSlug: member.unit,
      kind,
      createdAt: at,
    });

    const answers = await engagements.recordEngagements(t.db, [
      engagement(live, reader, 'reaction'),
      engagement('00000000-0000-4000-8000-000000000000', reader, 'reaction'),
      engagement(deleted, reader, 'reaction'),
      engagement(live, reader, 'reaction'),
      engagement(live, author, 'reaction'),
      engagement(live, reader, 'view', day(1)),
      engagement(live, reader, 'view', day(1)),
      engagement(live, reader, 'view', day(2)),
    ]);
    expect(answers).toEqual([
      { counted: true },
      undefined,
      undefined,
      { counted: false },
      // Stored, flagged as the author's, counted for nothing by scoring.
      { counted: true },
      { counted: true },
      { counted: false },
      { counted: true },
    ]);
    expect(await engagementCount()).toBe(4);
    const own = await t.db
      .selectFrom('engagements')
      .select('byAuthor')
      .where('memberId', '=', author.id)
      .executeTakeFirstOrThrow();
    expect(own.byAuthor).toBe(true);

    // Asked again: stored once, so nothing counts.
    expect(await engagements.recordEngagements(t.db, [engagement(live, reader, 'reaction')])).toEqual([
      { counted: false },
    ]);
  });

  it('counts each engagement once when statements with the same ones in other orders run at once', async () => {
    const author = await storedMember('finance');
    const readers = await Promise.all(Array.from({ length: 50 }, () => storedMember('sales')));
    const stories = await Promise.all(Array.from({ length: 40 }, () => postStory(author)));
    const list = stories.flatMap((storyId) =>
      readers.map((reader) => ({
        storyId,
        memberId: reader.id,
        unitSlug: reader.unit,
        kind: 'reaction' as const,
        createdAt: day(1),
      })),
    );
    // Without inserting in key order, two of these would deadlock (PostgreSQL would abort one).
    const orders = [list, [...list].reverse(), [...list.slice(1000), ...list.slice(0, 1000)]];
    const answers = await Promise.all(orders.map((order) => engagements.recordEngagements(t.db, order)));
    const counted = answers.flat().filter((answer) => answer?.counted).length;
    expect(counted).toBe(list.length);
    expect(await engagementCount()).toBe(list.length);
  });
});
