import { sql } from 'kysely';
import { arrayLiteral } from '../array-literal.js';
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

/**
 * Creates members not seen before (bulk import); known members keep what their live claims last said. One array
 * per column, so the statement is the same whatever the batch and is prepared once per connection (a multi-row
 * VALUES of a thousand members took PostgreSQL 6-8 ms to bind and plan, each batch); rows in id order, so
 * imports running at once lock them in the same order.
 */
export async function insertMissingMembers(db: Database, list: MemberClaims[]) {
  if (list.length === 0) return;
  const sorted = [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
  const column = <T>(pick: (member: MemberClaims) => T) => sorted.map(pick);
  await db
    .insertInto('members')
    .columns(['id', 'name', 'unitSlug', 'roles'])
    .expression(
      db.selectNoFrom([
        sql<string>`unnest(${column((member) => member.id)}::text[])`.as('id'),
        sql<string>`unnest(${column((member) => member.name)}::text[])`.as('name'),
        sql<string>`unnest(${column((member) => member.unitSlug)}::text[])`.as('unitSlug'),
        sql<string[]>`unnest(${column((member) => arrayLiteral(member.roles))}::text[])::text[]`.as('roles'),
      ]),
    )
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}
