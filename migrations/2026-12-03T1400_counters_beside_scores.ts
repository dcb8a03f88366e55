import { type Kysely, sql } from 'kysely';

/** The counters a story shows, all derived from its events by the worker together with its scores. */
const COUNTERS = [
  'view_count',
  'reaction_count',
  'share_count',
  'comment_count',
  'adoption_count',
  'unit_count',
] as const;

const columns = sql.join(COUNTERS.map((column) => sql.ref(column)));
const columnsOf = (table: string) => sql.join(COUNTERS.map((column) => sql.ref(`${table}.${column}`)));
const addCounters = (table: string) =>
  sql`alter table ${sql.table(table)} ${sql.join(
    COUNTERS.map((column) => sql`add column ${sql.ref(column)} integer not null default 0`),
  )}`;
const dropCounters = (table: string) =>
  sql`alter table ${sql.table(table)} ${sql.join(COUNTERS.map((column) => sql`drop column ${sql.ref(column)}`))}`;

/**
 * The counters move from `stories` to `story_scores`, beside the scores derived from the same events in the
 * same job: scoring a batch writes one row per story instead of two, and a story's row (its text, seven
 * indexes, one of them GIN) is no longer rewritten whenever someone reacts to it. A first refresh after an
 * import rewrote most stories' counters: 2.8 s of PostgreSQL's time at 200k stories, most of those updates
 * new entries in every index of `stories` (the rows filled their pages). A story without a score row shows
 * zeros, as a story nobody has engaged with does.
 *
 * Counters already stored are carried over to the stories' score rows (a story without one is scored again by
 * the next refresh, counters included). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await addCounters('story_scores').execute(db);
  await sql`update story_scores set (${columns}) =
              (select ${columnsOf('stories')} from stories where stories.id = story_scores.story_id)`.execute(
    db,
  );
  await dropCounters('stories').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await addCounters('stories').execute(db);
  await sql`update stories set (${columns}) = (${columnsOf('story_scores')})
            from story_scores where story_scores.story_id = stories.id`.execute(db);
  await dropCounters('story_scores').execute(db);
}
