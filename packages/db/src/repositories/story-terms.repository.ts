import { sql } from 'kysely';
import { copyQueryRows, type Database } from '../client.js';

/**
 * A story's stored term vector: ids from the `terms` dictionary (int4) and their counts (int2), big-endian,
 * packed in bytea (see migrations/2026-11-23T2100_compact_story_terms.ts; StoryIndexMirror packs and reads them).
 */
export interface StoryTermsRecord {
  storyId: string;
  termIds: Buffer;
  counts: Buffer;
  deleted: boolean;
}

/**
 * The text of many stories, to be analysed together (deleted ones included, so their removal is indexed), and
 * whether each was indexed before: only then can another story's neighbour list hold it.
 */
export function listStoryTexts(db: Database, ids: readonly string[]) {
  return db
    .selectFrom('stories')
    .select((eb) => [
      'id',
      'title',
      'body',
      'tags',
      'deletedAt',
      eb
        .exists(
          eb.selectFrom('storyTerms').select('storyId').whereRef('storyTerms.storyId', '=', 'stories.id'),
        )
        .as('indexed'),
    ])
    .where((eb) => eb('id', '=', eb.fn.any(eb.val(ids))))
    .execute();
}

/**
 * Stores the term vectors (or removals) of many stories in one statement, stamped with the time (for
 * `listStoriesToReindex`) and the writing transaction (for index mirrors). Arrays rather than a multi-row
 * VALUES, so the statement text, and its prepared plan, is the same whatever the batch size; rows in id
 * order, so two batches sharing stories lock them in the same order.
 */
export async function upsertStoryTerms(db: Database, records: readonly StoryTermsRecord[]) {
  if (records.length === 0) return;
  const sorted = [...records].sort((a, b) => (a.storyId < b.storyId ? -1 : 1));
  await db
    .insertInto('storyTerms')
    .columns(['storyId', 'termIds', 'counts', 'deleted'])
    .expression(
      db.selectNoFrom([
        sql<string>`unnest(${sorted.map((record) => record.storyId)}::uuid[])`.as('storyId'),
        sql<Buffer>`unnest(${sorted.map((record) => record.termIds)}::bytea[])`.as('termIds'),
        sql<Buffer>`unnest(${sorted.map((record) => record.counts)}::bytea[])`.as('counts'),
        sql<boolean>`unnest(${sorted.map((record) => record.deleted)}::boolean[])`.as('deleted'),
      ]),
    )
    .onConflict((conflict) =>
      conflict.column('storyId').doUpdateSet((eb) => ({
        termIds: eb.ref('excluded.termIds'),
        counts: eb.ref('excluded.counts'),
        deleted: eb.ref('excluded.deleted'),
        updatedAt: sql<Date>`clock_timestamp()`,
        writtenBy: sql<string>`pg_current_xact_id()`,
      })),
    )
    .execute();
}

/**
 * The oldest transaction still running (as xid8 text): every row written by an older one is visible from now
 * on, so a mirror that reads next from here on misses nothing however late a transaction commits.
 */
export async function findSyncHorizon(db: Database) {
  const row = await db
    .selectNoFrom(sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text`.as('horizon'))
    .executeTakeFirstOrThrow();
  return row.horizon;
}

/** Rows written by transactions from `horizon` on; tombstones included so mirrors drop them. */
export function listStoryTermsWrittenSince(db: Database, horizon: string) {
  return db
    .selectFrom('storyTerms')
    .select(['storyId', 'termIds', 'counts', 'deleted', 'writtenBy'])
    .where('writtenBy', '>=', sql<string>`${horizon}::xid8`)
    .execute();
}

/** A stored row with the transaction that wrote it (xid8 as text), as index mirrors follow them. */
export type WrittenStoryTerms = StoryTermsRecord & { writtenBy: string };

/**
 * Every live row, as at a mirror's start (200k stories: about 100 MB of packed vectors), handed to `visit` as
 * it streams in through a binary COPY, so the caller indexes each while the next are read and holds none of
 * them: as a SELECT, the vectors travel as hex text and each row becomes an object of buffers, which took
 * most of a start-up. Same fields as `listStoryTermsWrittenSince`; a row's buffers are views of the stream's
 * data, to be copied if kept.
 */
export function visitLiveStoryTerms(db: Database, visit: (row: WrittenStoryTerms) => void) {
  const query = db
    .selectFrom('storyTerms')
    .select([
      sql<string>`story_id::text`.as('storyId'),
      'termIds',
      'counts',
      sql<string>`written_by::text`.as('writtenBy'),
    ])
    .where(sql<boolean>`not deleted`)
    .compile();
  return copyQueryRows(db, query, (data, starts, ends) =>
    visit({
      storyId: data.toString('latin1', starts[0]!, ends[0]!),
      termIds: data.subarray(starts[1]!, ends[1]!),
      counts: data.subarray(starts[2]!, ends[2]!),
      deleted: false,
      writtenBy: data.toString('latin1', starts[3]!, ends[3]!),
    }),
  );
}

/**
 * About how many terms the live rows hold together, from the planner's statistics (rows × the average width
 * of `term_ids`, four bytes a term), without reading them; 0 before the table was first analysed.
 */
export async function estimateStoredTerms(db: Database) {
  const { rows } = await sql<{ terms: number | null }>`
    select (greatest(class.reltuples, 0) * stats.avg_width / 4)::bigint as terms
    from pg_class class
    join pg_stats stats on stats.tablename = class.relname and stats.attname = 'term_ids'
    where class.oid = 'story_terms'::regclass and stats.schemaname = current_schema()`.execute(db);
  return rows[0]?.terms ?? 0;
}

/** Dictionary entries by id (every one when null). */
export function listTerms(db: Database, ids: readonly number[] | null) {
  let query = db.selectFrom('terms').select(['id', 'term']);
  if (ids !== null) query = query.where((eb) => eb('id', '=', eb.fn.any(eb.val(ids))));
  return query.execute();
}

/**
 * Adds terms to the dictionary, in order (so concurrent callers lock them in the same order); returns those
 * this call added. A term another transaction added meanwhile is skipped: read it with `findTerms`.
 */
export function addTerms(db: Database, terms: readonly string[]) {
  return db
    .insertInto('terms')
    .columns(['term'])
    .expression(db.selectNoFrom(sql<string>`unnest(${[...terms].sort()}::text[])`.as('term')))
    .onConflict((conflict) => conflict.column('term').doNothing())
    .returning(['id', 'term'])
    .execute();
}

/** Dictionary entries by term. */
export function findTerms(db: Database, terms: readonly string[]) {
  return db
    .selectFrom('terms')
    .select(['id', 'term'])
    .where((eb) => eb('term', '=', eb.fn.any(eb.val(terms))))
    .execute();
}

/** Stories whose stored terms are missing or older than the story (an index job lost while Redis was away). */
export async function listStoriesToReindex(db: Database) {
  const rows = await db
    .selectFrom('stories')
    .leftJoin('storyTerms', 'storyTerms.storyId', 'stories.id')
    .select('stories.id')
    .where((eb) =>
      eb.or([
        eb('storyTerms.storyId', 'is', null),
        eb('storyTerms.updatedAt', '<', eb.ref('stories.updatedAt')),
        eb.and([eb('stories.deletedAt', 'is not', null), eb('storyTerms.deleted', '=', false)]),
      ]),
    )
    .execute();
  return rows.map((row) => row.id);
}
