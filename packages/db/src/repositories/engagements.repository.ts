import type { Database } from '../client.js';

export type EngagementKind = 'view' | 'reaction' | 'share';

export interface NewEngagement {
  storyId: string;
  memberId: string;
  unitSlug: string;
  kind: EngagementKind;
  byAuthor: boolean;
  createdAt: Date;
  externalId?: string;
}

/** The contract's counting rule as a key: a view once per member and UTC day, a reaction or share once. */
export function engagementDedupeKey(kind: EngagementKind, at: Date): string {
  return kind === 'view' ? `view:${at.toISOString().slice(0, 10)}` : kind;
}

/** Inserts unless the same member already counted this kind (in this period); true when counted. */
export async function insertEngagement(db: Database, engagement: NewEngagement) {
  const inserted = await db
    .insertInto('engagements')
    .values({ ...engagement, dedupeKey: engagementDedupeKey(engagement.kind, engagement.createdAt) })
    .onConflict((conflict) => conflict.constraint('engagements_once_uq').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Inserts engagements in one statement (bulk import), skipping those already imported (externalId) or already
 * counted (the same member's view that day, reaction or share); returns the externalIds inserted.
 */
export async function insertEngagementsOnce(
  db: Database,
  list: Array<NewEngagement & { externalId: string }>,
) {
  if (list.length === 0) return [];
  const rows = await db
    .insertInto('engagements')
    .values(
      list.map((engagement) => ({
        ...engagement,
        dedupeKey: engagementDedupeKey(engagement.kind, engagement.createdAt),
      })),
    )
    .onConflict((conflict) => conflict.doNothing())
    .returning('externalId')
    .execute();
  return rows.map((row) => row.externalId!);
}
