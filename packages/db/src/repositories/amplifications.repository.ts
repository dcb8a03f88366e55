import { sql } from 'kysely';
import type { Database } from '../client.js';
import { preparedQuery } from '../prepared-query.js';

const amplificationColumns = [
  'amplifications.id',
  'amplifications.storyId',
  'amplifications.headline',
  'amplifications.summary',
  'amplifications.curatorId',
  'members.name as curatorName',
  'members.unitSlug as curatorUnit',
  'amplifications.amplifiedAt',
  'amplifications.expiresAt',
  'amplifications.withdrawnAt',
] as const;

function selectAmplifications(db: Database) {
  return db
    .selectFrom('amplifications')
    .innerJoin('members', 'members.id', 'amplifications.curatorId')
    .select(amplificationColumns);
}

export type AmplificationRow = Awaited<ReturnType<typeof findAmplification>> & {};

export function findAmplification(db: Database, id: string) {
  return selectAmplifications(db).where('amplifications.id', '=', id).executeTakeFirst();
}

/** The story's amplification that is neither withdrawn nor expired at `now`, if any. */
export function findActiveAmplification(db: Database, storyId: string, now: Date) {
  return db
    .selectFrom('amplifications')
    .select('id')
    .where('storyId', '=', storyId)
    .where('withdrawnAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}

export interface NewAmplification {
  storyId: string;
  headline: string;
  summary: string | null;
  curatorId: string;
  amplifiedAt: Date;
  expiresAt: Date;
  externalId?: string;
}

export async function insertAmplification(db: Database, amplification: NewAmplification) {
  const { id } = await db
    .insertInto('amplifications')
    .values({ ...amplification, updatedAt: amplification.amplifiedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateAmplification(
  db: Database,
  id: string,
  changes: { headline?: string; summary?: string | null; expiresAt?: Date; withdrawnAt?: Date },
  at: Date,
) {
  await db
    .updateTable('amplifications')
    .set({ ...changes, updatedAt: at })
    .where('id', '=', id)
    .execute();
}

/** Amplifications newest first; `active` true: neither withdrawn nor expired at `now`; false: the others. */
export function listAmplifications(db: Database, filter: { active?: boolean; now: Date; limit: number }) {
  let query = selectAmplifications(db);
  if (filter.active === true) {
    query = query
      .where('amplifications.withdrawnAt', 'is', null)
      .where('amplifications.expiresAt', '>', filter.now);
  } else if (filter.active === false) {
    query = query.where((eb) =>
      eb.or([
        eb('amplifications.withdrawnAt', 'is not', null),
        eb('amplifications.expiresAt', '<=', filter.now),
      ]),
    );
  }
  return query
    .orderBy('amplifications.amplifiedAt', 'desc')
    .orderBy('amplifications.id')
    .limit(filter.limit)
    .execute();
}

const listActiveHeadlinesQuery = preparedQuery((db: Database, now: Date, limit: number) =>
  db
    .selectFrom('amplifications')
    .innerJoin('stories', 'stories.id', 'amplifications.storyId')
    .select(['amplifications.id as amplificationId', 'amplifications.storyId'])
    .where('amplifications.withdrawnAt', 'is', null)
    .where('amplifications.amplifiedAt', '<=', now)
    .where('amplifications.expiresAt', '>', now)
    .where('stories.deletedAt', 'is', null)
    .orderBy('amplifications.amplifiedAt', 'desc')
    .orderBy('amplifications.id')
    .limit(limit),
);

/** Headlines for everyone: active amplifications of live stories, newest first (members' dismissals apart). */
export function listActiveHeadlines(db: Database, now: Date, limit: number) {
  return listActiveHeadlinesQuery(db, now, limit);
}

/** The ids as array parameters, so one prepared statement serves any number of them. */
const listDismissalsQuery = preparedQuery(
  (db: Database, memberIds: readonly string[], amplificationIds: readonly string[]) =>
    db
      .selectFrom('amplificationDismissals')
      .select(['memberId', 'amplificationId'])
      .where('memberId', '=', sql<string>`any(${memberIds}::text[])`)
      .where('amplificationId', '=', sql<string>`any(${amplificationIds}::uuid[])`),
);

/** Which of these amplifications each of these members has dismissed: readers opening the feed together. */
export function listDismissals(
  db: Database,
  memberIds: readonly string[],
  amplificationIds: readonly string[],
) {
  return listDismissalsQuery(db, memberIds, amplificationIds);
}

/** Records that a member dismissed a headline; true the first time. */
export async function insertDismissal(db: Database, amplificationId: string, memberId: string, at: Date) {
  const inserted = await db
    .insertInto('amplificationDismissals')
    .values({ amplificationId, memberId, dismissedAt: at })
    .onConflict((conflict) => conflict.columns(['memberId', 'amplificationId']).doNothing())
    .returning('memberId')
    .executeTakeFirst();
  return inserted !== undefined;
}

export type AuditAction = 'amplified' | 'edited' | 'withdrawn' | 'dismissed';

export async function insertAudit(
  db: Database,
  entry: {
    amplificationId: string;
    action: AuditAction;
    actorId: string;
    at: Date;
    detail?: Record<string, unknown>;
  },
) {
  await db
    .insertInto('amplificationAudit')
    .values({ ...entry, detail: JSON.stringify(entry.detail ?? {}) })
    .execute();
}

/** Every action on an amplification, in the order it happened, with its actor. */
export function listAudit(db: Database, amplificationId: string) {
  return db
    .selectFrom('amplificationAudit')
    .innerJoin('members', 'members.id', 'amplificationAudit.actorId')
    .select([
      'amplificationAudit.action',
      'amplificationAudit.at',
      'amplificationAudit.detail',
      'members.id as actorId',
      'members.name as actorName',
      'members.unitSlug as actorUnit',
    ])
    .where('amplificationAudit.amplificationId', '=', amplificationId)
    .orderBy('amplificationAudit.id')
    .execute();
}

/** Stories that were ever amplified, among some ids (to keep them out of a control group). */
export async function findAmplifiedStoryIds(db: Database, storyIds: string[]) {
  if (storyIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('amplifications')
    .select('storyId')
    .distinct()
    .where('storyId', 'in', storyIds)
    .execute();
  return new Set(rows.map((row) => row.storyId));
}

export async function amplificationExternalIdExists(db: Database, externalId: string) {
  const row = await db
    .selectFrom('amplifications')
    .select('id')
    .where('externalId', '=', externalId)
    .executeTakeFirst();
  return row !== undefined;
}
