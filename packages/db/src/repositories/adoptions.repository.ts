import type { Database } from '../client.js';

export type AdoptionStatus = 'trying' | 'adopted' | 'dropped';

export interface NewAdoption {
  storyId: string;
  memberId: string;
  unitSlug: string;
  note: string | null;
  status?: AdoptionStatus;
  byAuthor: boolean;
  createdAt?: Date;
  externalId?: string;
}

const adoptionColumns = [
  'adoptions.id',
  'adoptions.storyId',
  'adoptions.memberId',
  'adoptions.unitSlug',
  'adoptions.note',
  'adoptions.status',
  'adoptions.outcome',
  'adoptions.createdAt',
  'adoptions.updatedAt',
  'members.name as memberName',
] as const;

function selectAdoptions(db: Database) {
  return db
    .selectFrom('adoptions')
    .innerJoin('members', 'members.id', 'adoptions.memberId')
    .select(adoptionColumns);
}

export type AdoptionRow = Awaited<ReturnType<typeof findAdoption>> & {};

/** Inserts the member's adoption of a story unless there is one; returns whether it was created. */
export async function insertAdoption(db: Database, adoption: NewAdoption) {
  const inserted = await db
    .insertInto('adoptions')
    .values({ ...adoption, updatedAt: adoption.createdAt ?? new Date() })
    .onConflict((conflict) => conflict.constraint('adoptions_once_uq').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findAdoption(db: Database, id: string) {
  return selectAdoptions(db).where('adoptions.id', '=', id).executeTakeFirst();
}

export function findMemberAdoption(db: Database, storyId: string, memberId: string) {
  return selectAdoptions(db)
    .where('adoptions.storyId', '=', storyId)
    .where('adoptions.memberId', '=', memberId)
    .executeTakeFirstOrThrow();
}

export async function updateAdoption(
  db: Database,
  id: string,
  changes: { status?: AdoptionStatus; outcome?: string | null },
  at: Date,
) {
  await db
    .updateTable('adoptions')
    .set({ ...changes, updatedAt: at })
    .where('id', '=', id)
    .execute();
}

export function listStoryAdoptions(db: Database, storyId: string, limit: number) {
  return selectAdoptions(db)
    .where('adoptions.storyId', '=', storyId)
    .orderBy('adoptions.createdAt', 'asc')
    .orderBy('adoptions.id', 'asc')
    .limit(limit)
    .execute();
}

export function listMemberAdoptions(db: Database, memberId: string, limit: number) {
  return selectAdoptions(db)
    .where('adoptions.memberId', '=', memberId)
    .orderBy('adoptions.createdAt', 'desc')
    .orderBy('adoptions.id', 'desc')
    .limit(limit)
    .execute();
}

/** Adoptions of some stories, as spread events (the amplification spread view). */
export function listAdoptionEvents(db: Database, storyIds: string[]) {
  if (storyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('adoptions')
    .select(['storyId', 'memberId', 'unitSlug', 'createdAt', 'status'])
    .where('storyId', 'in', storyIds)
    .where('byAuthor', '=', false)
    .execute();
}

/** Inserts adoptions unless already imported or already adopted by that member (bulk import). */
export async function insertAdoptionsOnce(
  db: Database,
  list: Array<NewAdoption & { externalId: string; createdAt: Date }>,
) {
  if (list.length === 0) return [];
  const rows = await db
    .insertInto('adoptions')
    .values(list.map((adoption) => ({ ...adoption, updatedAt: adoption.createdAt })))
    .onConflict((conflict) => conflict.doNothing())
    .returning('externalId')
    .execute();
  return rows.map((row) => row.externalId!);
}
