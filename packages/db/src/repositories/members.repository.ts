import type { Database } from '../client.js';

export interface MemberClaims {
  id: string;
  name: string;
  unitSlug: string;
  roles: string[];
}

/** Members are created on first sight from their token's claims, and follow later claims (a move to another unit). */
export async function upsertMember(db: Database, member: MemberClaims) {
  await db
    .insertInto('members')
    .values(member)
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet({
        name: member.name,
        unitSlug: member.unitSlug,
        roles: member.roles,
        updatedAt: new Date(),
      }),
    )
    .execute();
}

/** Members known per business unit: the unit sizes scores are normalised by. */
export async function countMembersByUnit(db: Database) {
  const rows = await db
    .selectFrom('members')
    .select(['unitSlug', (eb) => eb.fn.countAll<number>().as('members')])
    .groupBy('unitSlug')
    .execute();
  return new Map(rows.map((row) => [row.unitSlug, row.members]));
}

/** Creates members not seen before (bulk import); known members keep what their live claims last said. */
export async function insertMissingMembers(db: Database, list: MemberClaims[]) {
  if (list.length === 0) return;
  await db
    .insertInto('members')
    .values(list)
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}
