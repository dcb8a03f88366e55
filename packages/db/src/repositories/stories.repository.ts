import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../client.js';
import { preparedQuery } from '../prepared-query.js';
import { liveSimilarStories, similarStoriesColumns } from './story-neighbours.repository.js';
import type { DB } from '../generated/database.js';
import { COUNTER_COLUMNS } from './story-scores.repository.js';

/** The columns every story payload is built from; shared by the detail, feed and search queries. */
const storyColumns = [
  'stories.id',
  'stories.title',
  'stories.body',
  'stories.tags',
  'stories.createdAt',
  'stories.updatedAt',
  // Stored with the scores: a story not scored yet has no row there, and shows zeros.
  ...COUNTER_COLUMNS.map((column) =>
    sql<number>`coalesce(${sql.ref(`storyScores.${column}`)}, 0)`.as(column),
  ),
  'stories.authorId',
  'stories.unitSlug',
  'members.name as authorName',
  'storyScores.engagement',
  'storyScores.spread',
  'storyScores.hot',
  'storyScores.scoredAt',
  'storyScores.flagged',
  'storyScores.flaggedSince',
  'storyScores.reasons',
  'practices.id as practiceId',
  'practices.label as practiceLabel',
  'practices.storyCount as practiceStoryCount',
  'practices.unitCount as practiceUnitCount',
  'amplifications.id as amplificationId',
  'amplifications.headline as amplificationHeadline',
  'amplifications.summary as amplificationSummary',
  'amplifications.amplifiedAt',
  'amplifications.curatorId',
  'curators.name as curatorName',
  'curators.unitSlug as curatorUnit',
] as const;

/** Live stories with everything their payload shows; `now` decides which amplification is active. */
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
    .select(storyColumns)
    .where('stories.deletedAt', 'is', null);
}

export type StoryRow = Awaited<ReturnType<typeof findStory>> & {};

const findStoryQuery = preparedQuery((db: Database, id: string, now: Date) =>
  selectStories(db, now).where('stories.id', '=', id),
);

export async function findStory(db: Database, id: string, now: Date) {
  const [row] = await findStoryQuery(db, id, now);
  return row;
}

const findStoryWithSimilarQuery = preparedQuery((db: Database, id: string, now: Date) =>
  selectStories(db, now)
    .leftJoin('storyNeighbours', 'storyNeighbours.storyId', 'stories.id')
    .select(similarStoriesColumns)
    .where('stories.id', '=', id),
);

/** A live story with its stored neighbours (live ones, best first): the story detail in one round trip. */
export async function findStoryWithSimilar(db: Database, id: string, now: Date) {
  const [row] = await findStoryWithSimilarQuery(db, id, now);
  return row && { ...row, similar: liveSimilarStories(row) };
}

/** The ids as one array parameter, so one prepared statement serves any number of them. */
const findStoriesQuery = preparedQuery((db: Database, ids: string[], now: Date) =>
  selectStories(db, now).where('stories.id', '=', sql<string>`any(${ids}::uuid[])`),
);

/** Live stories by id, in no particular order (callers order them by their own ranking). */
export function findStories(db: Database, ids: string[], now: Date) {
  if (ids.length === 0) return Promise.resolve([]);
  return findStoriesQuery(db, ids, now);
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

/** What the text model indexes, with the deletion state (a deleted story leaves the index). */
export function findStoryText(db: Database, id: string) {
  return db
    .selectFrom('stories')
    .select(['id', 'title', 'body', 'tags', 'unitSlug', 'createdAt', 'authorId', 'deletedAt'])
    .where('id', '=', id)
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
    .where('externalId', 'in', externalIds)
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

export async function softDeleteStory(db: Database, id: string, at: Date) {
  await db.updateTable('stories').set({ deletedAt: at }).where('id', '=', id).execute();
}

/** Restricts an event table to some stories (one array parameter, however many stories). */
const ofStories =
  (storyIds: readonly string[]) => (eb: ExpressionBuilder<DB, 'engagements' | 'comments' | 'adoptions'>) =>
    eb('storyId', '=', eb.fn.any(eb.val(storyIds)));

/**
 * When an event happened, in milliseconds since the epoch (truncated, as a Date holds it): a refresh reads a
 * million of them, and a number parses several times faster than a timestamptz.
 */
const createdAtMs = (table: 'engagements' | 'comments' | 'adoptions') =>
  sql<number>`(extract(epoch from date_trunc('milliseconds', ${sql.ref(`${table}.createdAt`)})) * 1000)::bigint`.as(
    'createdAtMs',
  );

/** One event as listStoryEvents reads it: a JSON array, in this order. */
export type StoryEventTuple = [
  storyId: string,
  kind: string,
  memberId: string,
  unitSlug: string,
  createdAtMs: number,
  byAuthor: boolean,
  endorsement: boolean,
];

/**
 * Everything members did with some stories: what their counters and scores are derived from. A dropped
 * adoption comes as kind 'dropped': it no longer counts as an adoption, but its unit was reached.
 *
 * The events arrive as one JSON array of arrays: a refresh reads a million of them, and `JSON.parse` builds
 * them with far less work in this process than the driver parsing as many rows field by field and renaming
 * their columns (PostgreSQL works more building the JSON; a full refresh takes about 8 % less time). They
 * are handed over as those arrays: the caller builds the one object per event it keeps.
 */
export async function listStoryEvents(db: Database, storyIds: readonly string[]) {
  const engagementEvents = db
    .selectFrom('engagements')
    .select(['storyId', 'kind', 'memberId', 'unitSlug', createdAtMs('engagements'), 'byAuthor'])
    .select((eb) => eb.val(false).as('endorsement'))
    .where(ofStories(storyIds));
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
    .where(ofStories(storyIds));
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
    .where(ofStories(storyIds));
  const events = engagementEvents.unionAll(commentEvents).unionAll(adoptionEvents).as('event');
  const [row] = await db
    .selectFrom(events)
    .select(
      sql<StoryEventTuple[]>`coalesce(json_agg(json_build_array(${sql.join(
        ['storyId', 'kind', 'memberId', 'unitSlug', 'createdAtMs', 'byAuthor', 'endorsement'].map((column) =>
          sql.ref(`event.${column}`),
        ),
      )})), '[]')`.as('events'),
    )
    .execute();
  return row!.events;
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
