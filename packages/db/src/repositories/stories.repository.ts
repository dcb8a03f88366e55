import { type Expression, type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { jsonBuildObject } from 'kysely/helpers/postgres';
import { arrayLiteral } from '../array-literal.js';
import type { Database } from '../client.js';
import { jsonText } from '../json-text.js';
import { preparedQuery } from '../prepared-query.js';
import { similarStories } from './story-neighbours.repository.js';
import type { DB } from '../generated/database.js';
import type { COUNTER_COLUMNS } from './story-scores.repository.js';

/** Live stories joined to all their payload shows; `now` decides which amplification is active. */
export function selectStories(db: Database, now: Date) {
  return db
    .selectFrom('stories')
    .innerJoin('members', 'members.id', 'stories.authorId')
    .leftJoin('storyScores', 'storyScores.storyId', 'stories.id')
    .leftJoin('practices', 'practices.id', 'stories.practiceId')
    .leftJoin('amplifications', (join) =>
      join
        .onRef('amplifications.storyId', '=', 'stories.id')
        .on('amplifications.withdrawnAt', 'is', null)
        .on('amplifications.amplifiedAt', '<=', now)
        .on('amplifications.expiresAt', '>', now),
    )
    .leftJoin('members as curators', 'curators.id', 'amplifications.curatorId')
    .where('stories.deletedAt', 'is', null);
}

type StoryTables =
  ReturnType<typeof selectStories> extends SelectQueryBuilder<infer Tables, infer Joined, object>
    ? ExpressionBuilder<Tables, Joined>
    : never;

/** A timestamp as JavaScript's `toISOString` writes it (UTC, milliseconds, `Z`), which the API shows. */
function isoTimestamp(timestamp: Expression<Date | null>) {
  return sql<string>`to_char(${timestamp} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** `value`, or null where `key` is null (a left join that found nothing). */
function unlessNull<Value>(key: Expression<unknown>, value: Expression<Value>) {
  return sql<Value | null>`case when ${key} is null then null else ${value} end`;
}

/**
 * A story as the API shows it (the contract's Story), built as JSON by PostgreSQL: the story page sends this
 * text as it comes, and lists parse it, instead of reading thirty-seven columns into a row object, presenting
 * it and serialising that again (most of the story page's node CPU, bench/http.bench.ts). The API types it
 * against its schema, and its tests validate it there.
 */
function storyFields(eb: StoryTables) {
  const flagged = eb.fn.coalesce('storyScores.flagged', sql.lit(false));
  // A story not scored yet has no row in story_scores: its counters show zero.
  const counter = (column: (typeof COUNTER_COLUMNS)[number]) =>
    eb.fn.coalesce(`storyScores.${column}`, sql.lit(0));
  return {
    id: eb.ref('stories.id'),
    title: eb.ref('stories.title'),
    body: eb.ref('stories.body'),
    tags: eb.ref('stories.tags'),
    createdAt: isoTimestamp(eb.ref('stories.createdAt')),
    updatedAt: isoTimestamp(eb.ref('stories.updatedAt')),
    author: jsonBuildObject({
      id: eb.ref('stories.authorId'),
      name: eb.ref('members.name'),
      unit: eb.ref('stories.unitSlug'),
    }),
    counts: jsonBuildObject({
      views: counter('viewCount'),
      reactions: counter('reactionCount'),
      comments: counter('commentCount'),
      shares: counter('shareCount'),
      adoptions: counter('adoptionCount'),
      units: counter('unitCount'),
    }),
    scores: unlessNull(
      eb.ref('storyScores.scoredAt'),
      jsonBuildObject({
        engagement: eb.ref('storyScores.engagement').$notNull(),
        spread: eb.ref('storyScores.spread').$notNull(),
        hot: eb.ref('storyScores.hot').$notNull(),
        scoredAt: isoTimestamp(eb.ref('storyScores.scoredAt')),
      }),
    ),
    hotSpot: jsonBuildObject({
      flagged,
      since: sql<
        string | null
      >`case when ${flagged} then ${isoTimestamp(eb.ref('storyScores.flaggedSince'))} end`,
      reasons: sql<string[]>`case when ${flagged} then ${eb.ref('storyScores.reasons')} else '{}' end`,
    }),
    practice: unlessNull(
      eb.ref('practices.id'),
      jsonBuildObject({
        id: eb.ref('practices.id').$notNull(),
        label: eb.ref('practices.label').$notNull(),
        storyCount: eb.ref('practices.storyCount').$notNull(),
        unitCount: eb.ref('practices.unitCount').$notNull(),
      }),
    ),
    amplification: unlessNull(
      eb.ref('amplifications.id'),
      jsonBuildObject({
        id: eb.ref('amplifications.id').$notNull(),
        headline: eb.ref('amplifications.headline').$notNull(),
        summary: eb.ref('amplifications.summary'),
        amplifiedAt: isoTimestamp(eb.ref('amplifications.amplifiedAt')),
        curator: jsonBuildObject({
          id: eb.ref('amplifications.curatorId').$notNull(),
          name: eb.ref('curators.name').$notNull(),
          unit: eb.ref('curators.unitSlug').$notNull(),
        }),
      }),
    ),
  };
}

const findStoryQuery = preparedQuery((db: Database, id: string, now: Date) =>
  selectStories(db, now)
    .select((eb) => jsonBuildObject(storyFields(eb)).as('story'))
    .where('stories.id', '=', id),
);

/** A live story as the API shows it. */
export async function findStory(db: Database, id: string, now: Date) {
  const [row] = await findStoryQuery(db, id, now);
  return row?.story;
}

export type StoryJson = NonNullable<Awaited<ReturnType<typeof findStory>>>;

/** The story pages' query (see findStoryPages): the ids as one array parameter. */
export function selectStoryPages(db: Database, ids: readonly string[], now: Date) {
  return selectStories(db, now)
    .leftJoin('storyNeighbours', 'storyNeighbours.storyId', 'stories.id')
    .select((eb) => {
      // The schema's order: the neighbours before the amplification.
      const { amplification, ...fields } = storyFields(eb);
      return [
        'stories.id',
        jsonText(jsonBuildObject({ ...fields, similar: similarStories(eb), amplification })).as('page'),
      ];
    })
    .where('stories.id', '=', sql<string>`any(${ids}::uuid[])`);
}

const findStoryPagesQuery = preparedQuery(selectStoryPages);

/**
 * Story pages: each live story with its live neighbours (best first), as the JSON text the API sends, by id,
 * in one round trip for any number of them (the API gathers the pages asked for at once).
 */
export async function findStoryPages(db: Database, ids: readonly string[], now: Date) {
  return new Map((await findStoryPagesQuery(db, ids, now)).map((row) => [row.id, row.page]));
}

/** The ids as one array parameter, so one prepared statement serves any number of them. */
const findStoriesQuery = preparedQuery((db: Database, ids: string[], now: Date) =>
  selectStories(db, now)
    .select((eb) => jsonBuildObject(storyFields(eb)).as('story'))
    .where('stories.id', '=', sql<string>`any(${ids}::uuid[])`),
);

/** Live stories by id as the API shows them, in no particular order (callers order them by their own ranking). */
export async function findStories(db: Database, ids: string[], now: Date): Promise<StoryJson[]> {
  if (ids.length === 0) return [];
  return (await findStoriesQuery(db, ids, now)).map((row) => row.story);
}

/** Locks a live story's row for the rest of the caller's transaction (serialises amplifying it). */
export function lockStory(db: Database, id: string) {
  return db
    .selectFrom('stories')
    .select(['id', 'authorId'])
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

/** Author and deletion state only: enough to authorise a change or accept an event. */
export function findStoryOwner(db: Database, id: string) {
  return db
    .selectFrom('stories')
    .select(['id', 'authorId'])
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export interface NewStory {
  authorId: string;
  unitSlug: string;
  title: string;
  body: string;
  tags: string[];
  externalId?: string;
  createdAt?: Date;
}

export async function insertStory(db: Database, story: NewStory) {
  const { id } = await db
    .insertInto('stories')
    .values({ ...story, updatedAt: story.createdAt ?? new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Inserts stories unless their externalId is known; returns the inserted ones (bulk import). */
export function insertStoriesOnce(
  db: Database,
  list: Array<NewStory & { externalId: string; createdAt: Date }>,
) {
  if (list.length === 0) return Promise.resolve([]);
  return db
    .insertInto('stories')
    .values(list.map((story) => ({ ...story, updatedAt: story.createdAt })))
    .onConflict((conflict) => conflict.column('externalId').doNothing())
    .returning(['id', 'externalId'])
    .execute();
}

/** Stories by externalId, with their author (to tell an author's own engagement). */
export function findStoriesByExternalIds(db: Database, externalIds: string[]) {
  if (externalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stories')
    .select(['id', 'externalId', 'authorId'])
    .where((eb) => eb('externalId', '=', eb.fn.any(eb.val(externalIds))))
    .where('deletedAt', 'is', null)
    .execute();
}

export async function updateStory(
  db: Database,
  id: string,
  changes: { title?: string; body?: string; tags?: string[] },
  at: Date,
) {
  await db
    .updateTable('stories')
    .set({ ...changes, updatedAt: at })
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .execute();
}

/**
 * Marks a story deleted. Only through deleteStory (services/story-deletion.service.ts): the story pages
 * listing it no longer look for deleted neighbours, so their stored copies are mended in the same transaction.
 */
export async function softDeleteStory(db: Database, id: string, at: Date) {
  await db.updateTable('stories').set({ deletedAt: at }).where('id', '=', id).execute();
}

/**
 * Restricts an event table to some stories, given as one array literal (built once for the several places a
 * query names them, instead of the driver quoting every id for each).
 */
const ofStories =
  (storyIds: string) => (eb: ExpressionBuilder<DB, 'engagements' | 'comments' | 'adoptions'>) =>
    eb('storyId', '=', eb.fn.any(sql<string[]>`${storyIds}::uuid[]`));

/**
 * When an event happened, in milliseconds since the epoch (truncated, as a Date holds it): a refresh reads a
 * million of them, and a number parses several times faster than a timestamptz.
 */
const createdAtMs = (table: 'engagements' | 'comments' | 'adoptions') =>
  sql<number>`(extract(epoch from date_trunc('milliseconds', ${sql.ref(`${table}.createdAt`)})) * 1000)::bigint`.as(
    'createdAtMs',
  );

/**
 * Events as listStoryEvents reads them: one array per field, event i made of element i of each. The story
 * is named by its position in the list asked for.
 */
export interface StoryEventColumns {
  story: number[];
  kind: string[];
  memberId: string[];
  unitSlug: string[];
  createdAtMs: number[];
  byAuthor: boolean[];
  endorsement: boolean[];
}

/** A story of the list asked for, and its position in it (from 1). */
type StoryPosition = { storyId: string; position: number };

/**
 * Everything members did with some stories: what their counters and scores are derived from. A dropped
 * adoption comes as kind 'dropped': it no longer counts as an adoption, but its unit was reached.
 *
 * The events arrive as one JSON object of columns: a refresh reads a million of them, and `JSON.parse` builds
 * them with far less work in this process than the driver parsing as many rows field by field (a full refresh
 * takes about 8 % less time). Columns rather than an array per event: decoding allocates no object per event,
 * and numbers and booleans sit unboxed in their arrays; PostgreSQL builds a typical batch's text in 28 ms
 * instead of 35. Each event names its story by position in `storyIds`, not by id: less JSON to build and
 * decode, and no million id strings.
 */
export async function listStoryEvents(db: Database, storyIds: readonly string[]) {
  const ids = arrayLiteral(storyIds);
  const engagementEvents = db
    .selectFrom('engagements')
    .select(['storyId', 'kind', 'memberId', 'unitSlug', createdAtMs('engagements'), 'byAuthor'])
    .select((eb) => eb.val(false).as('endorsement'))
    .where(ofStories(ids));
  const commentEvents = db
    .selectFrom('comments')
    .select((eb) => [
      'storyId',
      eb.val('comment').as('kind'),
      'memberId',
      'unitSlug',
      createdAtMs('comments'),
      'byAuthor',
      'endorsement',
    ])
    .where(ofStories(ids));
  const adoptionEvents = db
    .selectFrom('adoptions')
    .select((eb) => [
      'storyId',
      eb.case().when('status', '=', 'dropped').then('dropped').else('adoption').end().as('kind'),
      'memberId',
      'unitSlug',
      createdAtMs('adoptions'),
      'byAuthor',
    ])
    .select((eb) => eb.val(false).as('endorsement'))
    .where(ofStories(ids));
  const events = engagementEvents.unionAll(commentEvents).unionAll(adoptionEvents).as('event');
  // Joined to the few thousand events found (a hash join), rather than looked up per event.
  const positions = sql<StoryPosition>`unnest(${ids}::uuid[]) with ordinality`;
  const batch = positions.as<'batch'>(sql`batch(story_id, position)`);
  const columns: Record<keyof StoryEventColumns, Expression<unknown>> = {
    story: sql`batch.position - 1`,
    kind: sql.ref('event.kind'),
    memberId: sql.ref('event.memberId'),
    unitSlug: sql.ref('event.unitSlug'),
    createdAtMs: sql.ref('event.createdAtMs'),
    byAuthor: sql.ref('event.byAuthor'),
    endorsement: sql.ref('event.endorsement'),
  };
  const [row] = await db
    .selectFrom(events)
    .innerJoin(batch, 'batch.storyId', 'event.storyId')
    .select(
      // No event: every array_agg is null, and every column an empty array.
      sql<StoryEventColumns>`json_build_object(${sql.join(
        Object.entries(columns).map(
          ([name, value]) => sql`${sql.lit(name)}, coalesce(array_agg(${value}), '{}')`,
        ),
      )})`.as('events'),
    )
    .execute();
  return row!.events;
}

/** The practice a live story belongs to, if any. */
export async function findStoryPracticeId(db: Database, id: string) {
  const row = await db
    .selectFrom('stories')
    .select('practiceId')
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return row?.practiceId ?? null;
}

/** A practice's live stories, oldest first (where it was first seen). */
export async function listPracticeStoryIds(db: Database, practiceId: string) {
  const rows = await db
    .selectFrom('stories')
    .select('id')
    .where('practiceId', '=', practiceId)
    .where('deletedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}
