import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMigrator } from '@kf/db';
import { useHarness } from '@kf/testing';

const t = useHarness();

/**
 * Columns rewritten by every refresh or story.score job: no index may hold them (see the migration). The
 * counters were in `stories` then; they are beside the scores since 2026-12-03T1400_counters_beside_scores.
 */
const REWRITTEN = [
  'engagement',
  'spread',
  'hot',
  'reasons',
  'units',
  'facts',
  'scored_at',
  'flagged_since',
  'view_count',
  'reaction_count',
  'comment_count',
  'share_count',
  'adoption_count',
  'unit_count',
];

/** Every index of a table with the columns its key, expressions and predicate name. */
async function indexedColumns(table: string) {
  const { rows } = await sql<{ index: string; columns: string[] }>`
    select index.relname as index,
           array(select attribute.attname from pg_attribute attribute
                 where attribute.attrelid = owner.oid and attribute.attnum > 0
                   and pg_get_indexdef(index.oid) ~ ('\\m' || attribute.attname || '\\M'))::text[] as columns
    from pg_index entry
    join pg_class index on index.oid = entry.indexrelid
    join pg_class owner on owner.oid = entry.indrelid
    where owner.relname = ${table}
    order by index.relname`.execute(t.db);
  return rows;
}

/** The table's fill factor, null when PostgreSQL's default (100). */
async function fillfactor(table: string) {
  const { rows } = await sql<{ fillfactor: string | null }>`
    select (select option from unnest(reloptions) option where option like 'fillfactor=%') as fillfactor
    from pg_class where relname = ${table} and relkind = 'r'`.execute(t.db);
  return rows[0]!.fillfactor;
}

describe('migration 2026-12-03T1100_room_for_in_place_updates', () => {
  it('keeps the rewritten score and counter columns out of every index, with room left on each page', async () => {
    const indexes = await indexedColumns('story_scores');
    expect(indexes.map((index) => index.index)).toEqual(['story_scores_flagged_idx', 'story_scores_pkey']);
    for (const index of indexes)
      expect(index.columns.filter((column) => REWRITTEN.includes(column))).toEqual([]);
    expect(await fillfactor('story_scores')).toBe('fillfactor=70');
    expect(await fillfactor('stories')).toBe('fillfactor=90');
  });

  it('migrates down to the indexes before it and up again', async () => {
    const db = t.db.withoutPlugins() as unknown as Kysely<any>;
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('2026-12-03T0900_store_similar_stories')).error).toBeUndefined();
    const before = await indexedColumns('story_scores');
    expect(before.map((index) => index.index)).toEqual([
      'story_scores_flagged_idx',
      'story_scores_hot_idx',
      'story_scores_pkey',
    ]);
    // What the first test guards against, seen by the same lookup.
    expect(before.map((index) => index.columns.includes('hot'))).toEqual([true, true, false]);
    expect(await fillfactor('story_scores')).toBeNull();
    expect(await fillfactor('stories')).toBeNull();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect((await indexedColumns('story_scores')).map((index) => index.index)).toEqual([
      'story_scores_flagged_idx',
      'story_scores_pkey',
    ]);
  });
});
