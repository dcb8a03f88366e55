import { sql } from 'kysely';
import type { Database } from '../client.js';
import { preparedQuery } from '../prepared-query.js';

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

export interface LiveEngagement {
  storyId: string;
  memberId: string;
  unitSlug: string;
  kind: EngagementKind;
  createdAt: Date;
}

/** The story check, the author check and the insert in one statement: one round trip on the busiest write. */
const recordEngagementQuery = preparedQuery(
  (
    db: Database,
    storyId: string,
    memberId: string,
    unitSlug: string,
    kind: string,
    createdAt: Date,
    dedupeKey: string,
  ) =>
    db
      .with('story', (qb) =>
        qb
          .selectFrom('stories')
          .select(['id', 'authorId'])
          .where('id', '=', storyId)
          .where('deletedAt', 'is', null),
      )
      .with('inserted', (qb) =>
        qb
          .insertInto('engagements')
          .columns(['storyId', 'memberId', 'unitSlug', 'kind', 'byAuthor', 'createdAt', 'dedupeKey'])
          .expression((eb) =>
            eb
              .selectFrom('story')
              .select((eb) => [
                'story.id',
                eb.cast<string>(eb.val(memberId), 'text').as('memberId'),
                eb.cast<string>(eb.val(unitSlug), 'text').as('unitSlug'),
                eb.cast<string>(eb.val(kind), 'text').as('kind'),
                eb('story.authorId', '=', memberId).as('byAuthor'),
                eb.cast<Date>(eb.val(createdAt), 'timestamptz').as('createdAt'),
                eb.cast<string>(eb.val(dedupeKey), 'text').as('dedupeKey'),
              ]),
          )
          .onConflict((conflict) => conflict.constraint('engagements_once_uq').doNothing())
          .returning('id'),
      )
      .selectFrom('story')
      .select((eb) =>
        eb.exists(eb.selectFrom('inserted').select('inserted.id')).$castTo<boolean>().as('counted'),
      ),
);

/**
 * Records an engagement with a live story unless the same member already counted this kind (in this period):
 * undefined when the story is missing or deleted, else whether it counted.
 */
export async function recordEngagement(db: Database, engagement: LiveEngagement) {
  const { storyId, memberId, unitSlug, kind, createdAt } = engagement;
  const [row] = await recordEngagementQuery(
    db,
    storyId,
    memberId,
    unitSlug,
    kind,
    createdAt,
    engagementDedupeKey(kind, createdAt),
  );
  return row && { counted: row.counted };
}

/**
 * Inserts engagements in one statement (bulk import), skipping those already imported (externalId) or already
 * counted (the same member's view that day, reaction or share); returns the externalIds inserted. The rows go
 * as one array per column: the statement is the same whatever the batch size, so it is prepared once per
 * connection, where a multi-row VALUES of a thousand rows was built, sent and planned with 8,000 parameters.
 */
export async function insertEngagementsOnce(
  db: Database,
  list: Array<NewEngagement & { externalId: string }>,
) {
  if (list.length === 0) return [];
  const column = <T>(pick: (engagement: NewEngagement & { externalId: string }) => T) => list.map(pick);
  const rows = await db
    .insertInto('engagements')
    .columns(['externalId', 'storyId', 'memberId', 'unitSlug', 'kind', 'dedupeKey', 'byAuthor', 'createdAt'])
    .expression(
      db.selectNoFrom([
        sql<string>`unnest(${column((row) => row.externalId)}::text[])`.as('externalId'),
        sql<string>`unnest(${column((row) => row.storyId)}::uuid[])`.as('storyId'),
        sql<string>`unnest(${column((row) => row.memberId)}::text[])`.as('memberId'),
        sql<string>`unnest(${column((row) => row.unitSlug)}::text[])`.as('unitSlug'),
        sql<EngagementKind>`unnest(${column((row) => row.kind)}::text[])`.as('kind'),
        sql<string>`unnest(${column((row) => engagementDedupeKey(row.kind, row.createdAt))}::text[])`.as(
          'dedupeKey',
        ),
        sql<boolean>`unnest(${column((row) => row.byAuthor)}::bool[])`.as('byAuthor'),
        sql<Date>`unnest(${column((row) => row.createdAt)}::timestamptz[])`.as('createdAt'),
      ]),
    )
    .onConflict((conflict) => conflict.doNothing())
    .returning('externalId')
    .execute();
  return rows.map((row) => row.externalId!);
}
