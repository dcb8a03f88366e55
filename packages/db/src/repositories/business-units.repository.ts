import type { Database } from '../client.js';

/** Units arrive first as a slug in a member's claims; an admin may name them later. */
export async function ensureBusinessUnit(db: Database, slug: string) {
  await db
    .insertInto('businessUnits')
    .values({ slug, name: slug })
    .onConflict((conflict) => conflict.column('slug').doNothing())
    .execute();
}

export function listBusinessUnits(db: Database) {
  return db
    .selectFrom('businessUnits')
    .leftJoin('members', 'members.unitSlug', 'businessUnits.slug')
    .select(({ fn }) => [
      'businessUnits.slug',
      'businessUnits.name',
      'businessUnits.division',
      'businessUnits.createdAt',
      'businessUnits.updatedAt',
      fn.count<number>('members.id').as('memberCount'),
    ])
    .groupBy('businessUnits.slug')
    .orderBy('businessUnits.slug')
    .execute();
}

export function putBusinessUnit(db: Database, unit: { slug: string; name: string; division: string | null }) {
  return db
    .insertInto('businessUnits')
    .values(unit)
    .onConflict((conflict) =>
      conflict
        .column('slug')
        .doUpdateSet({ name: unit.name, division: unit.division, updatedAt: new Date() }),
    )
    .returning(['slug', 'name', 'division', 'createdAt', 'updatedAt'])
    .executeTakeFirstOrThrow();
}

/** Several units at once (bulk import). */
export async function ensureBusinessUnits(db: Database, slugs: string[]) {
  if (slugs.length === 0) return;
  await db
    .insertInto('businessUnits')
    .values(slugs.map((slug) => ({ slug, name: slug })))
    .onConflict((conflict) => conflict.column('slug').doNothing())
    .execute();
}
