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
