import { type Expression, sql } from 'kysely';
import type { Similar } from '@kf/domain';
import { arrayLiteral } from '../array-literal.js';
import type { Database } from '../client.js';

/**
 * Serialises writers of neighbour lists across processes for the rest of the transaction: merging a story into
 * another's list reads it and writes it back, and batches that touch the same lists in another order would
 * otherwise deadlock. The writes of one batch take milliseconds.
 */
export async function lockNeighbourLists(db: Database) {
  await sql`select pg_advisory_xact_lock(hashtext('story_neighbours'))`.execute(db);
}

/** The stored lists of these stories, each best first (ties by id, as the index ranks them). */
export async function listNeighbourLists(db: Database, storyIds: readonly string[]) {
  const lists = new Map<string, Similar[]>();
  if (storyIds.length === 0) return lists;
  const rows = await db
    .selectFrom('storyNeighbours')
    .select(['storyId', 'similarIds', 'similarities'])
    .where((eb) => eb('storyId', '=', eb.fn.any(eb.val(storyIds))))
    .execute();
  for (const row of rows)
    lists.set(
      row.storyId,
      row.similarIds.map((id, i) => ({ id, similarity: row.similarities[i]! })),
    );
  return lists;
}

/**
 * Stores these lists (best first) in place of the ones stored; an empty list is dropped. One statement for any
 * number of lists (each list an array literal per column).
 */
export async function saveNeighbourLists(db: Database, lists: ReadonlyMap<string, readonly Similar[]>) {
  const kept = [...lists].filter(([, list]) => list.length > 0);
  const dropped = [...lists].filter(([, list]) => list.length === 0).map(([storyId]) => storyId);
  if (dropped.length > 0) await deleteNeighbourLists(db, dropped);
  if (kept.length === 0) return;
  await db
    .insertInto('storyNeighbours')
    .columns(['storyId', 'similarIds', 'similarities'])
    .expression(
      db.selectNoFrom([
        sql<string>`unnest(${kept.map(([storyId]) => storyId)}::uuid[])`.as('storyId'),
        sql<
          string[]
        >`unnest(${kept.map(([, list]) => arrayLiteral(list.map((neighbour) => neighbour.id)))}::text[])::uuid[]`.as(
          'similarIds',
        ),
        sql<
          number[]
        >`unnest(${kept.map(([, list]) => arrayLiteral(list.map((neighbour) => neighbour.similarity)))}::text[])::float8[]`.as(
          'similarities',
        ),
      ]),
    )
    .onConflict((conflict) =>
      conflict.column('storyId').doUpdateSet((eb) => ({
        similarIds: eb.ref('excluded.similarIds'),
        similarities: eb.ref('excluded.similarities'),
      })),
    )
    .execute();
}

/** Drops the neighbour lists of these stories (a deleted story's, or one left without neighbours). */
export async function deleteNeighbourLists(db: Database, storyIds: readonly string[]) {
  if (storyIds.length === 0) return;
  await db
    .deleteFrom('storyNeighbours')
    .where((eb) => eb('storyId', '=', eb.fn.any(eb.val(storyIds))))
    .execute();
}

/** The stories whose lists hold any of these (their lists change when these are edited or deleted). */
export async function listStoriesLinkingTo(db: Database, similarIds: readonly string[]) {
  if (similarIds.length === 0) return [];
  const rows = await db
    .selectFrom('storyNeighbours')
    .select('storyId')
    .where(sql<boolean>`similar_ids && ${similarIds}::uuid[]`)
    .execute();
  return rows.map((row) => row.storyId);
}

/**
 * Every stored link as a row. unnest only, no ordinality: PostgreSQL estimates unnest at ten rows (it takes
 * generate_subscripts for a thousand), so a story page joins its neighbours by primary key rather than
 * scanning every story.
 */
function links(db: Database) {
  return db
    .selectFrom('storyNeighbours')
    .select([
      'storyId',
      sql<string>`unnest(similar_ids)`.as('similarId'),
      sql<number>`unnest(similarities)`.as('similarity'),
    ]);
}

/**
 * A story's neighbours, live ones only, best first (ties by id, as stored); `storyId` may be a reference to an
 * outer query's story, so the story detail reads the story and its neighbours in one statement.
 */
export function similarStoriesOf(db: Database, storyId: string | Expression<string>) {
  return db
    .selectFrom(links(db).where('storyNeighbours.storyId', '=', storyId).as('link'))
    .innerJoin('stories as similar', 'similar.id', 'link.similarId')
    .select(['similar.id', 'similar.title', 'similar.unitSlug', 'link.similarity'])
    .where('similar.deletedAt', 'is', null)
    .orderBy('link.similarity', 'desc')
    .orderBy('similar.id');
}

export function listSimilarStories(db: Database, storyId: string) {
  return similarStoriesOf(db, storyId).execute();
}

/** Every link at or above a similarity, between live stories: the edges practices are clustered from. */
export function listLinksAtLeast(db: Database, threshold: number) {
  return db
    .selectFrom(links(db).as('link'))
    .innerJoin('stories as a', 'a.id', 'link.storyId')
    .innerJoin('stories as b', 'b.id', 'link.similarId')
    .select(['link.storyId', 'link.similarId'])
    .where('link.similarity', '>=', threshold)
    .where('a.deletedAt', 'is', null)
    .where('b.deletedAt', 'is', null)
    .execute();
}
