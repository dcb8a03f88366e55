import { CompiledQuery, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { stories } from '@kf/db';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness({ databasePerTest: true });

async function planOf(query: CompiledQuery): Promise<string> {
  const result = await t.db.executeQuery<Record<string, string>>(
    CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
  );
  return result.rows.map((row) => Object.values(row)[0]).join('\n');
}

describe('hot paths at 1M engagements', () => {
  it('reach engagements through indexes, never by a sequential scan', async () => {
    const author = makeMember({ unit: 'finance' });
    const { body: story } = await t.as(author).post('/v1/stories', { title: 'Indexed', body: 'x' });
    // 2,000 stories, 1,000,000 engagements by 5,000 members over a year.
    await sql`insert into members (id, name, unit_slug) select 'm' || g, 'm' || g, 'finance' from generate_series(1, 5000) g`.execute(
      t.db,
    );
    await sql`insert into stories (author_id, unit_slug, title, body)
              select ${author.id}, 'finance', 'story ' || g, 'body' from generate_series(1, 2000) g`.execute(
      t.db,
    );
    await sql`with ids as (select array_agg(id) as ids from stories)
              insert into engagements (story_id, member_id, unit_slug, kind, dedupe_key, by_author, created_at)
              select ids[1 + g % 2001], 'm' || (g % 5000 + 1), 'finance', 'view', 'view:' || g, false,
                     now() - (g * 30 || ' seconds')::interval
              from ids, generate_series(1, 1000000) g`.execute(t.db);
    await sql`analyze`.execute(t.db);

    const { start, end } = { start: new Date(Date.now() - 7 * 86_400_000), end: new Date() };
    const hotPaths: Record<string, CompiledQuery> = {
      'story page': stories.selectStoryPages(t.db, [story.id], new Date()).compile(),
      'count recompute': t.db
        .selectFrom('engagements')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('storyId', '=', story.id)
        .where('kind', '=', 'view')
        .where('byAuthor', '=', false)
        .compile(),
      'story events': t.db
        .selectFrom('engagements')
        .select(['kind', 'memberId', 'unitSlug', 'createdAt'])
        .where('storyId', '=', story.id)
        .compile(),
      'engagement insert': t.db
        .insertInto('engagements')
        .values({
          storyId: story.id,
          memberId: 'm1',
          unitSlug: 'finance',
          kind: 'reaction',
          dedupeKey: 'reaction',
          byAuthor: false,
        })
        .onConflict((conflict) => conflict.constraint('engagements_once_uq').doNothing())
        .compile(),
      'weekly report window': t.db
        .selectFrom('engagements')
        .select(['unitSlug', (eb) => eb.fn.countAll().as('n')])
        .where('createdAt', '>=', start)
        .where('createdAt', '<', end)
        .groupBy('unitSlug')
        .compile(),
    };
    for (const [name, query] of Object.entries(hotPaths)) {
      expect(await planOf(query), name).not.toMatch(/Seq Scan on (engagements|stories|members)\b/);
    }
  }, 180_000);
});
