import { type Expression, sql } from 'kysely';
import type { Database } from '../client.js';

/** One stored link: `similarId` is among the nearest neighbours of `storyId`. */
export interface SimilarityRow {
  storyId: string;
  similarId: string;
  similarity: number;
}

/**
 * Serialises writers of neighbour lists across processes for the rest of the transaction: the writes of one
 * batch take milliseconds, and batches that touch the same lists in another order would otherwise deadlock.
 */
export async function lockSimilarities(db: Database) {
  await sql`select pg_advisory_xact_lock(hashtext('story_similarities'))`.execute(db);
}

/** Drops the neighbour lists of these stories (about to be recomputed, or the story deleted). */
export async function deleteSimilarityLists(db: Database, storyIds: readonly string[]) {
  if (storyIds.length === 0) return;
  await db
    .deleteFrom('storySimilarities')
    .where((eb) => eb('storyId', '=', eb.fn.any(eb.val(storyIds))))
    .execute();
}

/**
 * Inserts links, or updates their similarity. Arrays rather than a multi-row VALUES, so the statement, and its
 * prepared plan, is the same whatever the number of rows.
 */
export async function upsertSimilarities(db: Database, rows: readonly SimilarityRow[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('storySimilarities')
    .columns(['storyId', 'similarId', 'similarity'])
    .expression(
      db.selectNoFrom([
        sql<string>`unnest(${rows.map((row) => row.storyId)}::uuid[])`.as('storyId'),
        sql<string>`unnest(${rows.map((row) => row.similarId)}::uuid[])`.as('similarId'),
        sql<number>`unnest(${rows.map((row) => row.similarity)}::float8[])`.as('similarity'),
      ]),
    )
    .onConflict((conflict) =>
      conflict
        .columns(['storyId', 'similarId'])
        .doUpdateSet((eb) => ({ similarity: eb.ref('excluded.similarity') })),
    )
    .execute();
}

/** Cuts these stories' lists to their `keep` best links (ties by id, as the index ranks them). */
export async function trimSimilarityLists(db: Database, storyIds: readonly string[], keep: number) {
  if (storyIds.length === 0) return;
  const ranked = db
    .selectFrom('storySimilarities')
    .select((eb) => [
      'storyId',
      'similarId',
      eb.fn
        .agg<number>('row_number')
        .over((over) => over.partitionBy('storyId').orderBy('similarity', 'desc').orderBy('similarId'))
        .as('rank'),
    ])
    .where((eb) => eb('storyId', '=', eb.fn.any(eb.val(storyIds))));
  await db
    .deleteFrom('storySimilarities')
    .using(ranked.as('ranked'))
    .whereRef('storySimilarities.storyId', '=', 'ranked.storyId')
    .whereRef('storySimilarities.similarId', '=', 'ranked.similarId')
    .where('ranked.rank', '>', keep)
    .execute();
}

/** The stories whose lists hold any of these (their lists change when these are edited or deleted). */
export async function listStoriesLinkingTo(db: Database, similarIds: readonly string[]) {
  const rows = await db
    .selectFrom('storySimilarities')
    .select('storyId')
    .distinct()
    .where((eb) => eb('similarId', '=', eb.fn.any(eb.val(similarIds))))
    .execute();
  return rows.map((row) => row.storyId);
}

/**
 * A story's neighbours, live ones only, best first; `storyId` may be a reference to an outer query's story, so
 * the story detail reads the story and its neighbours in one statement.
 */
export function similarStoriesOf(db: Database, storyId: string | Expression<string>) {
  return db
    .selectFrom('storySimilarities')
    .innerJoin('stories as similar', 'similar.id', 'storySimilarities.similarId')
    .select(['similar.id', 'similar.title', 'similar.unitSlug', 'storySimilarities.similarity'])
    .where('storySimilarities.storyId', '=', storyId)
    .where('similar.deletedAt', 'is', null)
    .orderBy('storySimilarities.similarity', 'desc')
    .orderBy('similar.id');
}

export function listSimilarStories(db: Database, storyId: string) {
  return similarStoriesOf(db, storyId).execute();
}

/** Every link at or above a similarity, between live stories: the edges practices are clustered from. */
export function listLinksAtLeast(db: Database, threshold: number) {
  return db
    .selectFrom('storySimilarities')
    .innerJoin('stories as a', 'a.id', 'storySimilarities.storyId')
    .innerJoin('stories as b', 'b.id', 'storySimilarities.similarId')
    .select(['storySimilarities.storyId', 'storySimilarities.similarId'])
    .where('storySimilarities.similarity', '>=', threshold)
    .where('a.deletedAt', 'is', null)
    .where('b.deletedAt', 'is', null)
    .execute();
}
