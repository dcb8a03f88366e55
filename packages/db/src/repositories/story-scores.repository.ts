import type { ScoreFacts } from '@kf/domain';
import { sql } from 'kysely';
import { arrayLiteral } from '../array-literal.js';
import type { Database } from '../client.js';

export interface StoryScore {
  engagement: number;
  spread: number;
  hot: number;
  flagged: boolean;
  reasons: string[];
  /**
   * The figures behind the scores (ScoreFacts; typed by the two fields read here): the units are stored for
   * every story, the whole only as `keptFacts` says.
   */
  facts: Pick<ScoreFacts, 'units' | 'heldBackByAuthorShare'>;
}

/** The counters' columns in `story_scores`, as Kysely names them. */
export const COUNTER_COLUMNS = [
  'viewCount',
  'reactionCount',
  'commentCount',
  'shareCount',
  'adoptionCount',
  'unitCount',
] as const;

/** The counters a story shows, derived from its events with its scores (never incremented). */
export type StoryCounters = Record<(typeof COUNTER_COLUMNS)[number], number>;

const SCORE_COLUMNS = ['engagement', 'spread', 'hot', 'flagged', 'reasons', 'units', 'facts'] as const;

/** A story's row: its scores and counters, all derived from its events. */
export interface ScoredStory {
  storyId: string;
  score: StoryScore;
  counters: StoryCounters;
}

/**
 * The facts stored of a story: all of them for a story hot enough to flag (flagged, or held back by its
 * author's share), the one a curator may ask about; none for the others, whose units are all that is read
 * (see migration 2026-12-04T1000_keep_units_apart_from_facts).
 */
function keptFacts(score: StoryScore): object {
  return score.flagged || score.facts.heldBackByAuthorShare ? score.facts : {};
}

/**
 * Stores stories' scores and counters in one statement; `flaggedSince` is kept while a story stays flagged
 * and cleared when it stops. Each story at most once in `scored` (a row cannot be updated twice by one
 * statement). The batch travels as one array parameter per column (array literals built here: numbers need
 * no quoting) and the facts as one JSON array, so the statement is the same (and prepared) whatever the batch
 * size. PostgreSQL parses each number once, as the column's type, and takes each story's facts out of the
 * parsed array as they are: the whole batch as one JSON document (jsonb_to_recordset) parsed every number
 * as JSON and again as text, which made the statement a fifth slower (2,000 stories: 67 ms against 85 ms);
 * each story's facts as an element of a jsonb[] would be escaped here and unescaped there. A row that did
 * not change is left as it is (and keeps its `scoredAt`): a refresh rewrote every story's row, most of them
 * unchanged, which was the largest part of its time. Idempotent: derived from the events, never incremented,
 * so a retried or duplicated job cannot double-count.
 */
export async function upsertStoryScores(db: Database, scored: readonly ScoredStory[], scoredAt: Date) {
  if (scored.length === 0) return;
  const column = (value: (story: ScoredStory) => string | number | boolean) =>
    arrayLiteral(scored.map(value));
  const given = db
    .selectNoFrom([
      // Set-returning functions in one select list run in step: row i takes element i of each.
      sql<string>`unnest(${column((story) => story.storyId)}::uuid[])`.as('storyId'),
      sql<number>`unnest(${column((story) => story.score.engagement)}::float8[])`.as('engagement'),
      sql<number>`unnest(${column((story) => story.score.spread)}::float8[])`.as('spread'),
      sql<number>`unnest(${column((story) => story.score.hot)}::float8[])`.as('hot'),
      sql<boolean>`unnest(${column((story) => story.score.flagged)}::bool[])`.as('flagged'),
      sql<string[]>`unnest(${column((story) => arrayLiteral(story.score.reasons))}::text[])::text[]`.as(
        'reasons',
      ),
      sql<string[]>`unnest(${column((story) => arrayLiteral(story.score.facts.units))}::text[])::text[]`.as(
        'units',
      ),
      sql<object>`jsonb_array_elements(${JSON.stringify(scored.map((story) => keptFacts(story.score)))}::jsonb)`.as(
        'facts',
      ),
      ...COUNTER_COLUMNS.map((name) =>
        sql<number>`unnest(${column((story) => story.counters[name])}::int4[])`.as(name),
      ),
    ])
    .as('given');
  const written = [...SCORE_COLUMNS, ...COUNTER_COLUMNS] as const;
  const tuple = (table: string) => sql.join(written.map((name) => sql.ref(`${table}.${name}`)));
  await db
    .insertInto('storyScores')
    .columns(['storyId', ...written, 'scoredAt', 'flaggedSince'])
    .expression(
      db
        .selectFrom(given)
        .select([
          'given.storyId',
          ...written.map((name) => `given.${name}` as const),
          sql<Date>`${scoredAt}::timestamptz`.as('scoredAt'),
          sql<Date | null>`case when given.flagged then ${scoredAt}::timestamptz end`.as('flaggedSince'),
        ]),
    )
    .onConflict((conflict) =>
      conflict
        .column('storyId')
        .doUpdateSet((eb) => ({
          ...Object.fromEntries(written.map((name) => [name, eb.ref(`excluded.${name}`)])),
          scoredAt: eb.ref('excluded.scoredAt'),
          flaggedSince: sql<Date | null>`case when excluded.flagged then coalesce(story_scores.flagged_since, excluded.flagged_since) end`,
        }))
        .where(sql<boolean>`(${tuple('story_scores')}) is distinct from (${tuple('excluded')})`),
    )
    .execute();
}

/** What scoring reads of a story besides its events. */
const scoringColumns = ['stories.id', 'stories.authorId', 'stories.unitSlug', 'stories.createdAt'] as const;

/** A live story with what scoring reads of it. */
export function findStoryToScore(db: Database, id: string) {
  return db
    .selectFrom('stories')
    .select(scoringColumns)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

export type StoryToScore = NonNullable<Awaited<ReturnType<typeof findStoryToScore>>>;

const EVENT_TABLES = ['engagements', 'comments', 'adoptions'] as const;

/**
 * Stories whose scores may have moved: any event since `since` (ever, when null: a full refresh), or a positive
 * score that decays, or no score yet; with what scoring reads of them, by author.
 * - With a window: one union of ids joined once to the stories (a semi-join). The recent events come through
 *   their `created_at` indexes; `in` lists combined with `or` would become subplans, quadratic once a list
 *   outgrows work_mem.
 * - Without: a probe per story of each event table's story index (stopping at the first event) instead of a
 *   union of every event ever stored (200k stories, 1M engagements: 1.1 s instead of 1.9 s).
 */
export function listStoriesToRescore(db: Database, since: Date | null) {
  const live = db.selectFrom('stories').select(scoringColumns).where('stories.deletedAt', 'is', null);
  const listed =
    since === null
      ? live
          .leftJoin('storyScores', 'storyScores.storyId', 'stories.id')
          .where((eb) =>
            eb.or([
              eb('storyScores.storyId', 'is', null),
              eb('storyScores.hot', '>', 0),
              ...EVENT_TABLES.map((table) =>
                eb.exists(
                  eb
                    .selectFrom(table)
                    .select(`${table}.storyId`)
                    .whereRef(`${table}.storyId`, '=', 'stories.id'),
                ),
              ),
            ]),
          )
      : live.where('stories.id', 'in', storiesToRescoreSince(db, since));
  return listed.orderBy('stories.authorId').orderBy('stories.id').execute();
}

/** The ids of stories with an event since `since`, a positive score or no score (see listStoriesToRescore). */
function storiesToRescoreSince(db: Database, since: Date) {
  const recent = (table: (typeof EVENT_TABLES)[number]) =>
    db.selectFrom(table).select(`${table}.storyId as id`).where(`${table}.createdAt`, '>', since);
  const decaying = db
    .selectFrom('storyScores')
    .select('storyScores.storyId as id')
    .where('storyScores.hot', '>', 0);
  const unscored = db
    .selectFrom('stories')
    .leftJoin('storyScores', 'storyScores.storyId', 'stories.id')
    .select('stories.id')
    .where('storyScores.storyId', 'is', null);
  return recent('engagements')
    .union(recent('comments'))
    .union(recent('adoptions'))
    .union(decaying)
    .union(unscored);
}

/** The business units that engaged with each story, in order of arrival (none for a story never scored). */
export async function findScoredUnits(db: Database, storyIds: string[]) {
  if (storyIds.length === 0) return new Map<string, string[]>();
  const rows = await db
    .selectFrom('storyScores')
    .select(['storyId', 'units'])
    .where('storyId', 'in', storyIds)
    .execute();
  return new Map(rows.map((row) => [row.storyId, row.units]));
}

/**
 * Stories currently flagged, with their authors and since when (the per-author cap on hot spots): some
 * authors', or, without `authorIds`, every author's (a refresh reads them once instead of once per batch).
 */
export async function listAuthorHotSpots(db: Database, authorIds?: readonly string[]) {
  let query = db
    .selectFrom('storyScores')
    .innerJoin('stories', 'stories.id', 'storyScores.storyId')
    .select(['stories.authorId', 'storyScores.storyId', 'storyScores.flaggedSince'])
    .where('stories.deletedAt', 'is', null)
    .where('storyScores.flagged', '=', true);
  if (authorIds) query = query.where('stories.authorId', '=', (eb) => eb.fn.any(eb.val(authorIds)));
  const rows = await query.execute();
  return rows.flatMap((row) =>
    row.flaggedSince
      ? [{ authorId: row.authorId, storyId: row.storyId, flaggedSince: row.flaggedSince }]
      : [],
  );
}
