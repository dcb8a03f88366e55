import type { Database } from '../client.js';

export interface NewComment {
  storyId: string;
  memberId: string;
  unitSlug: string;
  body: string;
  endorsement: boolean;
  byAuthor: boolean;
  createdAt?: Date;
  externalId?: string;
}

const commentColumns = [
  'comments.id',
  'comments.body',
  'comments.endorsement',
  'comments.createdAt',
  'comments.memberId',
  'comments.unitSlug',
  'members.name as memberName',
] as const;

export async function insertComment(db: Database, comment: NewComment) {
  const { id } = await db.insertInto('comments').values(comment).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function findComment(db: Database, id: string) {
  return db
    .selectFrom('comments')
    .innerJoin('members', 'members.id', 'comments.memberId')
    .select(commentColumns)
    .where('comments.id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Executive endorsements first (the "timely little comment from the CEO"), then oldest first. */
export function listComments(db: Database, storyId: string, limit: number) {
  return db
    .selectFrom('comments')
    .innerJoin('members', 'members.id', 'comments.memberId')
    .select(commentColumns)
    .where('comments.storyId', '=', storyId)
    .orderBy('comments.endorsement', 'desc')
    .orderBy('comments.createdAt', 'asc')
    .orderBy('comments.id', 'asc')
    .limit(limit)
    .execute();
}

/** When executives commented on a story: endorsements, their own signal in the spread view. */
export async function listEndorsementTimes(db: Database, storyId: string) {
  const rows = await db
    .selectFrom('comments')
    .select('createdAt')
    .where('storyId', '=', storyId)
    .where('endorsement', '=', true)
    .execute();
  return rows.map((row) => row.createdAt);
}

/** Inserts comments unless already imported (bulk import); returns the externalIds inserted. */
export async function insertCommentsOnce(db: Database, list: Array<NewComment & { externalId: string }>) {
  if (list.length === 0) return [];
  const rows = await db
    .insertInto('comments')
    .values(list)
    .onConflict((conflict) => conflict.doNothing())
    .returning('externalId')
    .execute();
  return rows.map((row) => row.externalId!);
}
