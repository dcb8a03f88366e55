import { sql } from 'kysely';
import type { Database } from '../client.js';
import { scoringColumns } from './stories.repository.js';

export interface StoryScore {
  engagement: number;
  spread: number;
  hot: number;
  flagged: boolean;
  reasons: string[];
  facts: object;
}

/**
 * Stores stories' scores in one statement; `flaggedSince` is kept while a story stays flagged and cleared when
 * it stops. Each story at most once in `scores` (a row cannot be updated twice by one statement).
 */
export async function upsertStoryScores(
  db: Database,
  scores: ReadonlyArray<{ storyId: string; score: StoryScore }>,
  scoredAt: Date,
) {
  if (scores.length === 0) return;
  const values = scores.map(({ storyId, score }) => ({
    storyId,
    ...score,
    facts: JSON.stringify(score.facts),
    scoredAt,
    flaggedSince: score.flagged ? scoredAt : null,
  }));
  await db
    .insertInto('storyScores')
    .values(values)
    .onConflict((conflict) =>
      conflict.column('storyId').doUpdateSet((eb) => ({
        engagement: eb.ref('excluded.engagement'),
        spread: eb.ref('excluded.spread'),
        hot: eb.ref('excluded.hot'),
        flagged: eb.ref('excluded.flagged'),
        reasons: eb.ref('excluded.reasons'),
        facts: eb.ref('excluded.facts'),
        scoredAt: eb.ref('excluded.scoredAt'),
        flaggedSince: sql<Date | null>`case when excluded.flagged then coalesce(story_scores.flagged_since, excluded.flagged_since) end`,
      })),
    )
    .execute();
}

/**
 * Stories whose scores may have moved: any event since `since`, or a positive score that decays, or no score
 * yet; with what scoring reads of them, by author. One union of ids joined once to the stories (a semi-join):
 * `in` lists combined with `or` become subplans, quadratic once a list outgrows work_mem.
 */
export function listStoriesToRescore(db: Database, since: Date | null) {
  const recent = (table: 'engagements' | 'comments' | 'adoptions') =>
    db
      .selectFrom(table)
      .select(`${table}.storyId as id`)
      .where(`${table}.createdAt`, '>', since ?? new Date(0));
  const decaying = db
    .selectFrom('storyScores')
    .select('storyScores.storyId as id')
    .where('storyScores.hot', '>', 0);
  const unscored = db
    .selectFrom('stories')
    .leftJoin('storyScores', 'storyScores.storyId', 'stories.id')
    .select('stories.id')
    .where('storyScores.storyId', 'is', null);
  return db
    .selectFrom('stories')
    .select(scoringColumns)
    .where('stories.deletedAt', 'is', null)
    .where(
      'stories.id',
      'in',
      recent('engagements')
        .union(recent('comments'))
        .union(recent('adoptions'))
        .union(decaying)
        .union(unscored),
    )
    .orderBy('stories.authorId')
    .orderBy('stories.id')
    .execute();
}

/** The figures behind each story's reasons (units reached, members, expected vs observed…). */
export async function findScoreFacts(db: Database, storyIds: string[]) {
  if (storyIds.length === 0) return new Map<string, Record<string, unknown>>();
  const rows = await db
    .selectFrom('storyScores')
    .select(['storyId', 'facts'])
    .where('storyId', 'in', storyIds)
    .execute();
  return new Map(rows.map((row) => [row.storyId, row.facts as Record<string, unknown>]));
}

/** Some authors' stories currently flagged, with since when (the per-author cap on hot spots). */
export async function listAuthorHotSpots(db: Database, authorIds: readonly string[]) {
  const rows = await db
    .selectFrom('storyScores')
    .innerJoin('stories', 'stories.id', 'storyScores.storyId')
    .select(['stories.authorId', 'storyScores.storyId', 'storyScores.flaggedSince'])
    .where('stories.authorId', '=', (eb) => eb.fn.any(eb.val(authorIds)))
    .where('stories.deletedAt', 'is', null)
    .where('storyScores.flagged', '=', true)
    .execute();
  return rows.flatMap((row) =>
    row.flaggedSince
      ? [{ authorId: row.authorId, storyId: row.storyId, flaggedSince: row.flaggedSince }]
      : [],
  );
}
