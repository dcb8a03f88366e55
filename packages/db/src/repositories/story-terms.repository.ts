import { sql } from 'kysely';
import type { Database } from '../client.js';

export interface StoryTermsRecord {
  storyId: string;
  unitSlug: string;
  termCounts: Record<string, number>;
  deleted: boolean;
}

/** Stores a story's term counts (or its removal), stamped so every index mirror picks the change up. */
export async function upsertStoryTerms(db: Database, record: StoryTermsRecord) {
  const values = {
    ...record,
    termCounts: JSON.stringify(record.termCounts),
    updatedAt: sql<Date>`clock_timestamp()`,
  };
  await db
    .insertInto('storyTerms')
    .values(values)
    .onConflict((conflict) =>
      conflict.column('storyId').doUpdateSet({
        unitSlug: values.unitSlug,
        termCounts: values.termCounts,
        deleted: values.deleted,
        updatedAt: values.updatedAt,
      }),
    )
    .execute();
}

/** Changes since a moment (everything when null), oldest first; tombstones included so mirrors drop them. */
export function listStoryTermsChangedSince(db: Database, since: Date | null) {
  let query = db
    .selectFrom('storyTerms')
    .select(['storyId', 'unitSlug', 'termCounts', 'deleted', 'updatedAt'])
    .orderBy('updatedAt');
  if (since) query = query.where('updatedAt', '>', since);
  else query = query.where('deleted', '=', false);
  return query.execute() as Promise<Array<StoryTermsRecord & { updatedAt: Date }>>;
}

/** Stories whose stored terms are missing or older than the story (an index job lost while Redis was away). */
export async function listStoriesToReindex(db: Database) {
  const rows = await db
    .selectFrom('stories')
    .leftJoin('storyTerms', 'storyTerms.storyId', 'stories.id')
    .select('stories.id')
    .where((eb) =>
      eb.or([
        eb('storyTerms.storyId', 'is', null),
        eb('storyTerms.updatedAt', '<', eb.ref('stories.updatedAt')),
        eb.and([eb('stories.deletedAt', 'is not', null), eb('storyTerms.deleted', '=', false)]),
      ]),
    )
    .execute();
  return rows.map((row) => row.id);
}
