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
