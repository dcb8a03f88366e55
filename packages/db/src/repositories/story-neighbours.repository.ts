import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import type { Similar } from '@kf/domain';
import { arrayLiteral } from '../array-literal.js';
import type { Database } from '../client.js';
import type { DB } from '../generated/database.js';

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
 * A neighbour as the story page shows it: `otherUnit` when written in another unit than the list's story. A type,
 * not an interface: only a type is assignable to the generated Json of the column.
 */
export type SimilarStory = {
  id: string;
  title: string;
  unit: string;
  otherUnit: boolean;
  similarity: number;
};

/**
 * The lists as the story page shows them (`similar_stories`, see migration 2026-12-03T0900): each list's live
 * neighbours, best first, with their titles, units and whether they are in another unit than the list's
 * story, from one read of the stories the lists name, as they stand (a story.index batch writes thousands of
 * lists naming the same few thousand stories; building each copy in SQL, ten joined stories a list, was most
 * of the batch's time in PostgreSQL). None for a story that no longer exists.
 */
async function pageCopies(db: Database, lists: readonly (readonly [string, readonly Similar[]])[]) {
  const ids = [
    ...new Set(lists.flatMap(([storyId, list]) => [storyId, ...list.map((neighbour) => neighbour.id)])),
  ];
  const shown = new Map(
    (
      await db
        .selectFrom('stories')
        .select(['id', 'title', 'unitSlug', sql<boolean>`deleted_at is not null`.as('deleted')])
        .where((eb) => eb('id', '=', eb.fn.any(eb.val(ids))))
        .execute()
    ).map((row) => [row.id, row]),
  );
  const pages = new Map<string, SimilarStory[]>();
  for (const [storyId, list] of lists) {
    const owner = shown.get(storyId);
    if (!owner) continue;
    pages.set(
      storyId,
      list.flatMap(({ id, similarity }): SimilarStory[] => {
        const story = shown.get(id);
        if (!story || story.deleted) return [];
        return [
          {
            id,
            title: story.title,
            unit: story.unitSlug,
            otherUnit: story.unitSlug !== owner.unitSlug,
            similarity,
          },
        ];
      }),
    );
  }
  return pages;
}

/** Rows of (story id, page copy) for a statement: the copies travel as one JSON array, in step with the ids. */
function pageColumns(storyIds: readonly string[], pages: ReadonlyMap<string, SimilarStory[]>) {
  return [
    sql<string>`unnest(${storyIds}::uuid[])`.as('storyId'),
    sql<SimilarStory[]>`json_array_elements(${JSON.stringify(storyIds.map((id) => pages.get(id)))}::json)`.as(
      'similarStories',
    ),
  ] as const;
}

/**
 * Stores these lists (best first) in place of the ones stored, each with the page's copy of it (pageCopies);
 * an empty list is dropped, as is the list of a story that no longer exists. Callers hold lockNeighbourLists,
 * so no deletion's or edit's rewrite of the copies runs between reading the stories and this write. One
 * statement for any number of lists (each list an array literal per column).
 */
export async function saveNeighbourLists(db: Database, lists: ReadonlyMap<string, readonly Similar[]>) {
  const dropped = [...lists].filter(([, list]) => list.length === 0).map(([storyId]) => storyId);
  if (dropped.length > 0) await deleteNeighbourLists(db, dropped);
  const nonEmpty = [...lists].filter(([, list]) => list.length > 0);
  if (nonEmpty.length === 0) return;
  const pages = await pageCopies(db, nonEmpty);
  const kept = nonEmpty.filter(([storyId]) => pages.has(storyId));
  if (kept.length === 0) return;
  await db
    .insertInto('storyNeighbours')
    .columns(['storyId', 'similarStories', 'similarIds', 'similarities'])
    .expression(
      // Set-returning functions in one select list run in step: row i takes element i of each.
      db.selectNoFrom([
        ...pageColumns(
          kept.map(([storyId]) => storyId),
          pages,
        ),
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
        similarStories: eb.ref('excluded.similarStories'),
      })),
    )
    .execute();
}

/** Lists holding any of these stories (found through the GIN index on their ids). */
const holdingAny = (storyIds: readonly string[]) =>
  sql<boolean>`story_neighbours.similar_ids && ${storyIds}::uuid[]`;

/**
 * Rewrites the page's copy of the chosen lists where it differs from one built now (pageCopies); ids and
 * similarities stay. Callers hold lockNeighbourLists: a list another process is writing is then committed
 * before this reads it, and the copy is built from the row as it stands.
 */
async function refreshSimilarStories(db: Database, which: RawBuilder<boolean>) {
  const stored = await db
    .selectFrom('storyNeighbours')
    .select(['storyId', 'similarIds', 'similarities', 'similarStories'])
    .where(which)
    .execute();
  const pages = await pageCopies(
    db,
    stored.map((row) => [
      row.storyId,
      row.similarIds.map((id, i) => ({ id, similarity: row.similarities[i]! })),
    ]),
  );
  const stale = stored
    .filter(
      (row) =>
        pages.has(row.storyId) &&
        JSON.stringify(row.similarStories) !== JSON.stringify(pages.get(row.storyId)),
    )
    .map((row) => row.storyId);
  if (stale.length === 0) return;
  await db
    .updateTable('storyNeighbours')
    .from(db.selectNoFrom(pageColumns(stale, pages)).as('fresh'))
    .set((eb) => ({ similarStories: eb.ref('fresh.similarStories') }))
    .whereRef('storyNeighbours.storyId', '=', 'fresh.storyId')
    .execute();
}

/**
 * The page's copy of every list holding one of these stories, rewritten (their titles were edited, or they
 * were deleted).
 */
export async function refreshSimilarStoriesHolding(db: Database, storyIds: readonly string[]) {
  if (storyIds.length > 0) await refreshSimilarStories(db, holdingAny(storyIds));
}

/** The page's copy of these stories' own lists, rewritten where it went stale. */
export async function refreshSimilarStoriesOf(db: Database, storyIds: readonly string[]) {
  if (storyIds.length > 0)
    await refreshSimilarStories(db, sql<boolean>`story_neighbours.story_id = any(${storyIds}::uuid[])`);
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
    .where(holdingAny(similarIds))
    .execute();
  return rows.map((row) => row.storyId);
}

/**
 * The neighbours a story page shows, best first, as JSON: the stored copy of the list (`storyNeighbours`
 * joined to the story), live neighbours only (a deletion takes its story out of the copies at once, see
 * deleteStory).
 */
export function similarStories(eb: ExpressionBuilder<DB, 'storyNeighbours'>) {
  return sql<SimilarStory[]>`coalesce(${eb.ref('storyNeighbours.similarStories')}, '[]'::json)`;
}

/** A story's live neighbours, best first. */
export async function listSimilarStories(db: Database, storyId: string) {
  const row = await db
    .selectFrom('storyNeighbours')
    .select((eb) => similarStories(eb).as('similar'))
    .where('storyId', '=', storyId)
    .executeTakeFirst();
  return row?.similar ?? [];
}

/** Every link at or above a similarity, between live stories: the edges practices are clustered from. */
export function listLinksAtLeast(db: Database, threshold: number) {
  return db
    .selectFrom(
      db
        .selectFrom('storyNeighbours')
        .select([
          'storyId',
          sql<string>`unnest(similar_ids)`.as('similarId'),
          sql<number>`unnest(similarities)`.as('similarity'),
        ])
        .as('link'),
    )
    .innerJoin('stories as a', 'a.id', 'link.storyId')
    .innerJoin('stories as b', 'b.id', 'link.similarId')
    .select(['link.storyId', 'link.similarId'])
    .where('link.similarity', '>=', threshold)
    .where('a.deletedAt', 'is', null)
    .where('b.deletedAt', 'is', null)
    .execute();
}
