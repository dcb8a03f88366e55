import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../client.js';
import type { DB } from '../generated/database.js';

/** The columns every story payload is built from; shared by the detail, feed and search queries. */
const storyColumns = [
  'stories.id',
  'stories.title',
  'stories.body',
  'stories.tags',
  'stories.createdAt',
  'stories.updatedAt',
  'stories.viewCount',
  'stories.reactionCount',
  'stories.commentCount',
  'stories.shareCount',
  'stories.adoptionCount',
  'stories.unitCount',
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

export function findStory(db: Database, id: string, now: Date) {
  return selectStories(db, now).where('stories.id', '=', id).executeTakeFirst();
}

/** Live stories by id, in no particular order (callers order them by their own ranking). */
export function findStories(db: Database, ids: string[], now: Date) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectStories(db, now).where('stories.id', 'in', ids).execute();
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

type StoryScope = ExpressionBuilder<DB, 'stories'>;

/** Events by others than the author: the author's own engagement counts for nothing. */
const countEvents = (eb: StoryScope, table: 'engagements' | 'comments' | 'adoptions') =>
  eb.selectFrom(table).whereRef(`${table}.storyId`, '=', 'stories.id').where(`${table}.byAuthor`, '=', false);

/**
 * Recomputes a story's counts from its events in one statement. Idempotent by construction (it derives, never
 * increments), so a retried or duplicated job cannot double-count.
 */
export async function recomputeStoryCounts(db: Database, storyId: string) {
  await db
    .updateTable('stories')
    .set((eb) => ({
      viewCount: countEvents(eb, 'engagements')
        .where('engagements.kind', '=', 'view')
        .select((e) => e.fn.countAll<number>().as('n')),
      reactionCount: countEvents(eb, 'engagements')
        .where('engagements.kind', '=', 'reaction')
        .select((e) => e.fn.countAll<number>().as('n')),
      shareCount: countEvents(eb, 'engagements')
        .where('engagements.kind', '=', 'share')
        .select((e) => e.fn.countAll<number>().as('n')),
      commentCount: countEvents(eb, 'comments').select((e) => e.fn.countAll<number>().as('n')),
      adoptionCount: countEvents(eb, 'adoptions')
        .where('adoptions.status', '!=', 'dropped')
        .select((e) => e.fn.countAll<number>().as('n')),
      unitCount: eb
        .selectFrom(
          countEvents(eb, 'engagements')
            .select('engagements.unitSlug')
            .union(countEvents(eb, 'comments').select('comments.unitSlug'))
            .union(countEvents(eb, 'adoptions').select('adoptions.unitSlug'))
            .as('units'),
        )
        .select((e) => e.fn.countAll<number>().as('n')),
    }))
    .where('id', '=', storyId)
    .execute();
}

/** Everything members did with a story, as scoring events (dropped adoptions no longer count). */
export function listStoryEvents(db: Database, storyId: string) {
  const engagementEvents = db
    .selectFrom('engagements')
    .select(['kind', 'memberId', 'unitSlug', 'createdAt', 'byAuthor'])
    .select((eb) => eb.val(false).as('endorsement'))
    .where('storyId', '=', storyId);
  const commentEvents = db
    .selectFrom('comments')
    .select((eb) => [
      eb.val('comment').as('kind'),
      'memberId',
      'unitSlug',
      'createdAt',
      'byAuthor',
      'endorsement',
    ])
    .where('storyId', '=', storyId);
  const adoptionEvents = db
    .selectFrom('adoptions')
    .select((eb) => [eb.val('adoption').as('kind'), 'memberId', 'unitSlug', 'createdAt', 'byAuthor'])
    .select((eb) => eb.val(false).as('endorsement'))
    .where('storyId', '=', storyId)
    .where('status', '!=', 'dropped');
  return engagementEvents.unionAll(commentEvents).unionAll(adoptionEvents).execute();
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
