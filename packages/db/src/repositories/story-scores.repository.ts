import { sql } from 'kysely';
import type { Database } from '../client.js';

export interface StoryScore {
  engagement: number;
  spread: number;
  hot: number;
  flagged: boolean;
  reasons: string[];
  facts: object;
}

/** Stores a story's scores; `flaggedSince` is kept while it stays flagged and cleared when it stops. */
export async function upsertStoryScore(db: Database, storyId: string, score: StoryScore, scoredAt: Date) {
  const values = {
    storyId,
    ...score,
    facts: JSON.stringify(score.facts),
    scoredAt,
    flaggedSince: score.flagged ? scoredAt : null,
  };
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

/** Stories whose scores may have moved: any event since `since`, or a positive score that decays. */
export function listStoriesToRescore(db: Database, since: Date | null) {
  const recent = (table: 'engagements' | 'comments' | 'adoptions') =>
    db
      .selectFrom(table)
      .select(`${table}.storyId as id`)
      .where(`${table}.createdAt`, '>', since ?? new Date(0));
  return db
    .selectFrom('stories')
    .select('stories.id')
    .where('stories.deletedAt', 'is', null)
    .where((eb) =>
      eb.or([
        eb('stories.id', 'in', recent('engagements').union(recent('comments')).union(recent('adoptions'))),
        eb(
          'stories.id',
          'in',
          db.selectFrom('storyScores').select('storyScores.storyId').where('storyScores.hot', '>', 0),
        ),
        eb('stories.id', 'not in', db.selectFrom('storyScores').select('storyScores.storyId')),
      ]),
    )
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

/** An author's stories currently flagged, with since when (the per-author cap on hot spots). */
export async function listAuthorHotSpots(db: Database, authorId: string) {
  const rows = await db
    .selectFrom('storyScores')
    .innerJoin('stories', 'stories.id', 'storyScores.storyId')
    .select(['storyScores.storyId', 'storyScores.flaggedSince'])
    .where('stories.authorId', '=', authorId)
    .where('stories.deletedAt', 'is', null)
    .where('storyScores.flagged', '=', true)
    .execute();
  return rows.flatMap((row) =>
    row.flaggedSince ? [{ storyId: row.storyId, flaggedSince: row.flaggedSince }] : [],
  );
}
