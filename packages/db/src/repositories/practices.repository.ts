import { sql } from 'kysely';
import { arrayLiteral } from '../array-literal.js';
import type { Database } from '../client.js';

/**
 * Serialises re-clustering across processes for the rest of the transaction: two runs reading the same
 * practices and saving different ids for a new one would leave one set orphaned (and their writes deadlock).
 */
export async function lockClustering(db: Database) {
  await sql`select pg_advisory_xact_lock(hashtext('practices.recluster'))`.execute(db);
}

export interface PracticeCluster {
  id: string;
  storyIds: string[];
  label: string;
  terms: string[];
  units: string[];
  firstSeenAt: Date;
}

/** Live stories with their title, unit, creation time and current practice: the input of a re-cluster. */
export function listClusterableStories(db: Database) {
  return db
    .selectFrom('stories')
    .select(['id', 'title', 'unitSlug', 'createdAt', 'practiceId'])
    .where('deletedAt', 'is', null)
    .execute();
}

/**
 * Writes a re-cluster in the caller's transaction, set-based whatever the number of practices: upserts the
 * practices that changed, points the stories whose practice changed at theirs, drops the vanished.
 */
export async function saveClusters(db: Database, clusters: PracticeCluster[], vanishedIds: string[]) {
  if (clusters.length) {
    const column = <T>(value: (cluster: PracticeCluster) => T) => clusters.map(value);
    await db
      .insertInto('practices')
      .columns(['id', 'label', 'terms', 'storyCount', 'unitCount', 'units', 'firstSeenAt'])
      .expression(
        db.selectNoFrom([
          sql<string>`unnest(${column((cluster) => cluster.id)}::uuid[])`.as('id'),
          sql<string>`unnest(${column((cluster) => cluster.label)}::text[])`.as('label'),
          sql<string[]>`unnest(${column((cluster) => arrayLiteral(cluster.terms))}::text[])::text[]`.as(
            'terms',
          ),
          sql<number>`unnest(${column((cluster) => cluster.storyIds.length)}::int4[])`.as('storyCount'),
          sql<number>`unnest(${column((cluster) => cluster.units.length)}::int4[])`.as('unitCount'),
          sql<string[]>`unnest(${column((cluster) => arrayLiteral(cluster.units))}::text[])::text[]`.as(
            'units',
          ),
          sql<Date>`unnest(${column((cluster) => cluster.firstSeenAt)}::timestamptz[])`.as('firstSeenAt'),
        ]),
      )
      .onConflict((conflict) =>
        conflict
          .column('id')
          .doUpdateSet((eb) => ({
            label: eb.ref('excluded.label'),
            terms: eb.ref('excluded.terms'),
            storyCount: eb.ref('excluded.storyCount'),
            unitCount: eb.ref('excluded.unitCount'),
            units: eb.ref('excluded.units'),
            firstSeenAt: eb.ref('excluded.firstSeenAt'),
            updatedAt: sql<Date>`now()`,
          }))
          .where(
            sql<boolean>`(practices.label, practices.terms, practices.story_count, practices.unit_count,
              practices.units, practices.first_seen_at)
              is distinct from (excluded.label, excluded.terms, excluded.story_count, excluded.unit_count,
              excluded.units, excluded.first_seen_at)`,
          ),
      )
      .execute();
  }
  const storyIds = clusters.flatMap((cluster) => cluster.storyIds);
  const practiceIds = clusters.flatMap((cluster) => cluster.storyIds.map(() => cluster.id));
  await db
    .updateTable('stories')
    .set({ practiceId: null })
    .where('practiceId', 'is not', null)
    .where(sql<boolean>`id <> all(${storyIds}::uuid[])`)
    .execute();
  if (storyIds.length)
    await db
      .updateTable('stories')
      .from(
        db
          .selectNoFrom([
            sql<string>`unnest(${storyIds}::uuid[])`.as('storyId'),
            sql<string>`unnest(${practiceIds}::uuid[])`.as('practiceId'),
          ])
          .as('assignment'),
      )
      .set((eb) => ({ practiceId: eb.ref('assignment.practiceId') }))
      .whereRef('stories.id', '=', 'assignment.storyId')
      .where(sql<boolean>`stories.practice_id is distinct from assignment.practice_id`)
      .execute();
  if (vanishedIds.length)
    await db
      .deleteFrom('practices')
      .where((eb) => eb('id', '=', eb.fn.any(eb.val(vanishedIds))))
      .execute();
}

/**
 * Flags and unflags practices as hot spots in one statement: `since` is kept while a practice stays flagged,
 * set when it becomes flagged, cleared when it stops; practices whose flag and reasons stay are left alone.
 */
export async function setPracticeHotSpots(
  db: Database,
  hotSpots: readonly { id: string; flagged: boolean; reasons: string[] }[],
  now: Date,
) {
  if (hotSpots.length === 0) return;
  await db
    .updateTable('practices')
    .from(
      db
        .selectNoFrom([
          sql<string>`unnest(${hotSpots.map((spot) => spot.id)}::uuid[])`.as('id'),
          sql<boolean>`unnest(${hotSpots.map((spot) => spot.flagged)}::bool[])`.as('flagged'),
          sql<string[]>`unnest(${hotSpots.map((spot) => arrayLiteral(spot.reasons))}::text[])::text[]`.as(
            'reasons',
          ),
        ])
        .as('spot'),
    )
    .set((eb) => ({
      hotSpotFlagged: eb.ref('spot.flagged'),
      hotSpotReasons: eb.ref('spot.reasons'),
      hotSpotSince: sql<Date | null>`case when spot.flagged then coalesce(practices.hot_spot_since, ${now}) end`,
    }))
    .whereRef('practices.id', '=', 'spot.id')
    .where(
      sql<boolean>`(practices.hot_spot_flagged, practices.hot_spot_reasons)
        is distinct from (spot.flagged, spot.reasons)`,
    )
    .execute();
}

const practiceColumns = [
  'id',
  'label',
  'terms',
  'storyCount',
  'unitCount',
  'units',
  'firstSeenAt',
  'hotSpotFlagged',
  'hotSpotSince',
  'hotSpotReasons',
] as const;

export type PracticeRow = Awaited<ReturnType<typeof findPractice>> & {};

export function findPractice(db: Database, id: string) {
  return db.selectFrom('practices').select(practiceColumns).where('id', '=', id).executeTakeFirst();
}

/** Practices reaching the most units first (the point of the product: practice crossing units). */
export function listPractices(db: Database, limit: number, offset: number) {
  return db
    .selectFrom('practices')
    .select(practiceColumns)
    .orderBy('unitCount', 'desc')
    .orderBy('storyCount', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export function listAllPractices(db: Database) {
  return db.selectFrom('practices').select(['id', 'units', 'unitCount']).execute();
}

/** The change leaders of a practice: authors of its stories and adopters (not dropped), across units. */
export function listPracticePeople(db: Database, practiceId: string) {
  const authors = db
    .selectFrom('stories')
    .innerJoin('members', 'members.id', 'stories.authorId')
    .select(['members.id', 'members.name', 'stories.unitSlug'])
    .select((eb) => eb.val('author').as('role'))
    .where('stories.practiceId', '=', practiceId)
    .where('stories.deletedAt', 'is', null);
  const adopters = db
    .selectFrom('adoptions')
    .innerJoin('stories', 'stories.id', 'adoptions.storyId')
    .innerJoin('members', 'members.id', 'adoptions.memberId')
    .select(['members.id', 'members.name', 'adoptions.unitSlug'])
    .select((eb) => eb.val('adopter').as('role'))
    .where('stories.practiceId', '=', practiceId)
    .where('stories.deletedAt', 'is', null)
    .where('adoptions.status', '!=', 'dropped');
  return authors.union(adopters).orderBy('role', 'desc').orderBy('unitSlug').orderBy('name').execute();
}
