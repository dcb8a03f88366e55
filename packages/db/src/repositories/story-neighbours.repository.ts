import { type Expression, type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
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
 * A list as the story page shows it (`similar_stories`, see migration 2026-12-03T0900): its live neighbours,
 * best first, from the stored ids and similarities and the story's unit. Rewrites after an edit build it here;
 * `saveNeighbourLists` builds the same copy in this process (the test of test/db/story-neighbours pins them
 * together).
 */
function similarStoriesDocument(
  similarIds: Expression<string[]>,
  similarities: Expression<number[]>,
  storyUnit: Expression<string>,
) {
  return sql<SimilarStory[]>`(
    select coalesce(json_agg(json_build_object(
             'id', linked.id, 'title', linked.title, 'unit', linked.unit_slug,
             'otherUnit', linked.unit_slug <> ${storyUnit}, 'similarity', neighbour.similarity
           ) order by neighbour.rank), '[]')
    from unnest(${similarIds}, ${similarities}) with ordinality as neighbour(id, similarity, rank)
    join stories linked on linked.id = neighbour.id and linked.deleted_at is null)`;
}

/** What a page copy shows of these stories (deleted ones included, flagged), by id. */
async function findShownStories(db: Database, ids: readonly string[]) {
  const rows = await db
    .selectFrom('stories')
    .select(['id', 'title', 'unitSlug', sql<boolean>`deleted_at is not null`.as('deleted')])
    .where((eb) => eb('id', '=', eb.fn.any(eb.val(ids))))
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Stores these lists (best first) in place of the ones stored, each with the page's copy of it (built here
 * from one read of the stories they name, as they stand: a story.index batch writes thousands of lists naming
 * the same few thousand stories, and building each copy in SQL, ten joined stories a list, was most of the
 * batch's time in PostgreSQL); an empty list is dropped, as is the list of a story that no longer exists.
 * Callers hold lockNeighbourLists, so no edit's rewrite of the copies runs between that read and this write.
 * One statement for any number of lists (each list an array literal per column).
 */
export async function saveNeighbourLists(db: Database, lists: ReadonlyMap<string, readonly Similar[]>) {
  const dropped = [...lists].filter(([, list]) => list.length === 0).map(([storyId]) => storyId);
  if (dropped.length > 0) await deleteNeighbourLists(db, dropped);
  const nonEmpty = [...lists].filter(([, list]) => list.length > 0);
  if (nonEmpty.length === 0) return;
  const shown = await findShownStories(db, [
    ...new Set(nonEmpty.flatMap(([storyId, list]) => [storyId, ...list.map((neighbour) => neighbour.id)])),
  ]);
  const kept = nonEmpty.flatMap(([storyId, list]) => {
    const owner = shown.get(storyId);
    if (!owner) return [];
    const page = list.flatMap(({ id, similarity }): SimilarStory[] => {
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
    });
    return [{ storyId, list, page }];
  });
  if (kept.length === 0) return;
  await db
    .insertInto('storyNeighbours')
    .columns(['storyId', 'similarIds', 'similarities', 'similarStories'])
    .expression(
      // Set-returning functions in one select list run in step: row i takes element i of each.
      db.selectNoFrom([
        sql<string>`unnest(${kept.map((row) => row.storyId)}::uuid[])`.as('storyId'),
        sql<
          string[]
        >`unnest(${kept.map((row) => arrayLiteral(row.list.map((neighbour) => neighbour.id)))}::text[])::uuid[]`.as(
          'similarIds',
        ),
        sql<
          number[]
        >`unnest(${kept.map((row) => arrayLiteral(row.list.map((neighbour) => neighbour.similarity)))}::text[])::float8[]`.as(
          'similarities',
        ),
        sql<SimilarStory[]>`json_array_elements(${JSON.stringify(kept.map((row) => row.page))}::json)`.as(
          'similarStories',
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
 * Rewrites the page's copy of the chosen lists where it differs from one built now; ids and similarities stay.
 * Callers hold lockNeighbourLists: a list another process is writing is then committed before this statement
 * reads it, and the copy is built from the row as it stands.
 */
async function refreshSimilarStories(db: Database, which: RawBuilder<boolean>) {
  const copy = (eb: ExpressionBuilder<DB & { owner: DB['stories'] }, 'storyNeighbours' | 'owner'>) =>
    similarStoriesDocument(
      eb.ref('storyNeighbours.similarIds'),
      eb.ref('storyNeighbours.similarities'),
      eb.ref('owner.unitSlug'),
    );
  await db
    .updateTable('storyNeighbours')
    .from('stories as owner')
    .set((eb) => ({ similarStories: copy(eb) }))
    .whereRef('owner.id', '=', 'storyNeighbours.storyId')
    .where(which)
    // Compared as jsonb: a copy built in this process and one built by PostgreSQL differ only in spacing.
    .where((eb) => sql<boolean>`${eb.ref('storyNeighbours.similarStories')}::jsonb <> ${copy(eb)}::jsonb`)
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
 * The page's copy of a story's list, read with the story (`storyNeighbours` joined to it), and those of its
 * neighbours deleted since it was written: through the partial index of deleted stories, a probe of a small
 * index, where joining the ten neighbours would visit ten rows.
 */
export function similarStoriesColumns(eb: ExpressionBuilder<DB, 'storyNeighbours'>) {
  return [
    eb.ref('storyNeighbours.similarStories').$castTo<SimilarStory[] | null>().as('similar'),
    eb
      .fn<string[]>('array', [
        eb
          .selectFrom('stories as deleted')
          .select('deleted.id')
          .where('deleted.deletedAt', 'is not', null)
          .where((inner) => inner('deleted.id', '=', inner.fn.any('storyNeighbours.similarIds'))),
      ])
      .as('deletedSimilarIds'),
  ] as const;
}

/** The neighbours a story page shows, best first: the stored copy without the deleted ones. */
export function liveSimilarStories(row: { similar: SimilarStory[] | null; deletedSimilarIds: string[] }) {
  const similar = row.similar ?? [];
  return row.deletedSimilarIds.length === 0
    ? similar
    : similar.filter((story) => !row.deletedSimilarIds.includes(story.id));
}

/** A story's live neighbours, best first. */
export async function listSimilarStories(db: Database, storyId: string) {
  const row = await db
    .selectFrom('storyNeighbours')
    .select(similarStoriesColumns)
    .where('storyId', '=', storyId)
    .executeTakeFirst();
  return row ? liveSimilarStories(row) : [];
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
