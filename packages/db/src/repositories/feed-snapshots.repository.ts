import { sql } from 'kysely';
import type { Database } from '../client.js';

export interface FeedFilter {
  unit?: string;
  tag?: string;
}

/** Live stories by hot score, then engagement, then recency, filtered, up to `limit`: a ranking to freeze. */
export async function rankStoryIds(db: Database, filter: FeedFilter, limit: number) {
  let query = db
    .selectFrom('stories')
    .leftJoin('storyScores', 'storyScores.storyId', 'stories.id')
    .select('stories.id')
    .where('stories.deletedAt', 'is', null);
  if (filter.unit) query = query.where('stories.unitSlug', '=', filter.unit);
  if (filter.tag) query = query.where('stories.tags', '@>', sql<string[]>`array[${filter.tag}]::text[]`);
  const rows = await query
    .orderBy(sql`coalesce(story_scores.hot, 0)`, 'desc')
    // Below the hot spots (hot 0 under the floors), the most engaged first, then the newest.
    .orderBy(sql`coalesce(story_scores.engagement, 0)`, 'desc')
    .orderBy('stories.createdAt', 'desc')
    .orderBy('stories.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** The newest snapshot of a filter taken after `since`, shared by every reader opening the feed meanwhile. */
export function findRecentSnapshot(db: Database, filterKey: string, since: Date) {
  return db
    .selectFrom('feedSnapshots')
    .select(['id', 'storyIds'])
    .where('filterKey', '=', filterKey)
    .where('createdAt', '>', since)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findSnapshot(db: Database, id: string) {
  return db.selectFrom('feedSnapshots').select(['id', 'storyIds']).where('id', '=', id).executeTakeFirst();
}

export function insertSnapshot(db: Database, filterKey: string, storyIds: string[], createdAt: Date) {
  return db
    .insertInto('feedSnapshots')
    .values({ filterKey, storyIds, createdAt })
    .returning(['id', 'storyIds'])
    .executeTakeFirstOrThrow();
}

export async function deleteSnapshotsBefore(db: Database, before: Date) {
  await db.deleteFrom('feedSnapshots').where('createdAt', '<', before).execute();
}
