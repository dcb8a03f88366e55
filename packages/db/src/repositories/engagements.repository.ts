import { sql } from 'kysely';
import { arrayLiteral } from '../array-literal.js';
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

/**
 * Engagements asked for at once, in one statement: the story check, the author check and the insert, one
 * array per column (`position` numbers them). The inserts go in the order of the unique key, so statements
 * that insert the same keys wait for each other instead of deadlocking; of the same key asked twice, the first
 * asked is inserted. Answers each position whether its story is live and whether its key was inserted.
 */
const recordEngagementsQuery = preparedQuery(
  (
    db: Database,
    positions: string,
    storyIds: string,
    memberIds: string,
    unitSlugs: string,
    kinds: string,
    createdAts: string,
    dedupeKeys: string,
  ) =>
    db
      .with('asked', (qb) =>
        // Set-returning functions in one select list run in step: row i takes element i of each.
        qb.selectNoFrom([
          sql<number>`unnest(${positions}::int4[])`.as('position'),
          sql<string>`unnest(${storyIds}::uuid[])`.as('storyId'),
          sql<string>`unnest(${memberIds}::text[])`.as('memberId'),
          sql<string>`unnest(${unitSlugs}::text[])`.as('unitSlug'),
          sql<string>`unnest(${kinds}::text[])`.as('kind'),
          sql<Date>`unnest(${createdAts}::timestamptz[])`.as('createdAt'),
          sql<string>`unnest(${dedupeKeys}::text[])`.as('dedupeKey'),
        ]),
      )
      .with('live', (qb) =>
        qb
          .selectFrom('asked')
          .innerJoin('stories', 'stories.id', 'asked.storyId')
          .where('stories.deletedAt', 'is', null)
          .select(['asked.position', 'stories.authorId']),
      )
      .with('inserted', (qb) =>
        qb
          .insertInto('engagements')
          .columns(['storyId', 'memberId', 'unitSlug', 'kind', 'byAuthor', 'createdAt', 'dedupeKey'])
          .expression((eb) =>
            eb
              .selectFrom('asked')
              .innerJoin('live', 'live.position', 'asked.position')
              .select((eb) => [
                'asked.storyId',
                'asked.memberId',
                'asked.unitSlug',
                'asked.kind',
                eb('live.authorId', '=', eb.ref('asked.memberId')).as('byAuthor'),
                'asked.createdAt',
                'asked.dedupeKey',
              ])
              .orderBy('asked.storyId')
              .orderBy('asked.memberId')
              .orderBy('asked.dedupeKey')
              .orderBy('asked.position'),
          )
          .onConflict((conflict) => conflict.constraint('engagements_once_uq').doNothing())
          .returning(['storyId', 'memberId', 'dedupeKey']),
      )
      .selectFrom('asked')
      .leftJoin('live', 'live.position', 'asked.position')
      .select((eb) => [
        'asked.position',
        eb('live.position', 'is not', null).as('live'),
        eb
          .exists(
            eb
              .selectFrom('inserted')
              .select('inserted.storyId')
              .whereRef('inserted.storyId', '=', 'asked.storyId')
              .whereRef('inserted.memberId', '=', 'asked.memberId')
              .whereRef('inserted.dedupeKey', '=', 'asked.dedupeKey'),
          )
          .$castTo<boolean>()
          .as('inserted'),
      ]),
);

/**
 * Records engagements with live stories, each unless the same member already counted this kind (in this
 * period), in one round trip: for each, in order, undefined when its story is missing or deleted, else
 * whether it counted. Of the same engagement asked twice, the first counts.
 */
export async function recordEngagements(
  db: Database,
  list: readonly LiveEngagement[],
): Promise<({ counted: boolean } | undefined)[]> {
  if (list.length === 0) return [];
  const column = (value: (engagement: LiveEngagement, position: number) => string | number) =>
    arrayLiteral(list.map(value));
  const dedupeKeys = list.map((engagement) => engagementDedupeKey(engagement.kind, engagement.createdAt));
  const rows = await recordEngagementsQuery(
    db,
    column((_, position) => position),
    column((engagement) => engagement.storyId),
    column((engagement) => engagement.memberId),
    column((engagement) => engagement.unitSlug),
    column((engagement) => engagement.kind),
    column((engagement) => engagement.createdAt.toISOString()),
    arrayLiteral(dedupeKeys),
  );
  const answers = list.map((): { counted: boolean } | undefined => undefined);
  const counted = new Set<string>();
  for (const row of rows.sort((a, b) => a.position - b.position)) {
    if (!row.live) continue;
    const engagement = list[row.position]!;
    const key = `${engagement.storyId}\u0000${engagement.memberId}\u0000${dedupeKeys[row.position]}`;
    answers[row.position] = { counted: row.inserted && !counted.has(key) };
    if (row.inserted) counted.add(key);
  }
  return answers;
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
