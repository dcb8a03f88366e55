import { sql } from 'kysely';
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

/** Writes a re-cluster in the caller's transaction: upsert practices, point stories at them, drop the vanished. */
export async function saveClusters(db: Database, clusters: PracticeCluster[], vanishedIds: string[]) {
  for (const cluster of clusters) {
    const values = {
      id: cluster.id,
      label: cluster.label,
      terms: cluster.terms,
      storyCount: cluster.storyIds.length,
      unitCount: cluster.units.length,
      units: cluster.units,
      firstSeenAt: cluster.firstSeenAt,
    };
    await db
      .insertInto('practices')
      .values(values)
      .onConflict((conflict) => conflict.column('id').doUpdateSet({ ...values, updatedAt: new Date() }))
      .execute();
  }
  const clustered = clusters.flatMap((cluster) => cluster.storyIds);
  let unassign = db.updateTable('stories').set({ practiceId: null }).where('practiceId', 'is not', null);
  if (clustered.length) unassign = unassign.where('id', 'not in', clustered);
  await unassign.execute();
  for (const cluster of clusters) {
    await db
      .updateTable('stories')
      .set({ practiceId: cluster.id })
      .where('id', 'in', cluster.storyIds)
      .where((eb) => eb.or([eb('practiceId', 'is', null), eb('practiceId', '!=', cluster.id)]))
      .execute();
  }
  if (vanishedIds.length) await db.deleteFrom('practices').where('id', 'in', vanishedIds).execute();
}

export async function setPracticeHotSpot(
  db: Database,
  id: string,
  hotSpot: { flagged: boolean; reasons: string[]; now: Date },
) {
  await db
    .updateTable('practices')
    .set((eb) => ({
      hotSpotFlagged: hotSpot.flagged,
      hotSpotReasons: hotSpot.reasons,
      // since: kept while it stays flagged, set when it becomes flagged, cleared when it stops.
      hotSpotSince: hotSpot.flagged ? eb.fn.coalesce('hotSpotSince', eb.val(hotSpot.now)) : null,
    }))
    .where('id', '=', id)
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
