import { type Kysely, sql } from 'kysely';

/**
 * What the scoring worker derives from stories and their events: term counts (the text model's input, so any
 * worker can rebuild its in-memory index), nearest neighbours, practices (clusters of similar stories),
 * scores with hot-spot flags and reasons, curator review state, and feed ranking snapshots.
 * Frozen once landed: change the schema with a new migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // updated_at uses clock_timestamp() so index mirrors can sync "changed since" with a small overlap window.
  await db.schema
    .createTable('story_terms')
    .addColumn('story_id', 'uuid', (col) => col.primaryKey().references('stories.id').onDelete('cascade'))
    .addColumn('unit_slug', 'text', (col) => col.notNull())
    .addColumn('term_counts', 'jsonb', (col) => col.notNull())
    .addColumn('deleted', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`clock_timestamp()`))
    .execute();
  await db.schema.createIndex('story_terms_updated_at_idx').on('story_terms').column('updated_at').execute();

  await db.schema
    .createTable('story_similarities')
    .addColumn('story_id', 'uuid', (col) => col.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('similar_id', 'uuid', (col) => col.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('similarity', 'float8', (col) => col.notNull())
    .addPrimaryKeyConstraint('story_similarities_pk', ['story_id', 'similar_id'])
    .execute();
  await db.schema
    .createIndex('story_similarities_similar_id_idx')
    .on('story_similarities')
    .column('similar_id')
    .execute();

  await db.schema
    .createTable('practices')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('terms', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('story_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('unit_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('units', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('hot_spot_flagged', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('hot_spot_since', 'timestamptz')
    .addColumn('hot_spot_reasons', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('practices_unit_count_idx')
    .on('practices')
    .columns(['unit_count desc', 'story_count desc'])
    .execute();

  await db.schema
    .alterTable('stories')
    .addColumn('practice_id', 'uuid', (col) => col.references('practices.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('stories_practice_id_idx').on('stories').column('practice_id').execute();

  await db.schema
    .createTable('story_scores')
    .addColumn('story_id', 'uuid', (col) => col.primaryKey().references('stories.id').onDelete('cascade'))
    .addColumn('engagement', 'float8', (col) => col.notNull())
    .addColumn('spread', 'float8', (col) => col.notNull())
    .addColumn('hot', 'float8', (col) => col.notNull())
    .addColumn('flagged', 'boolean', (col) => col.notNull())
    .addColumn('flagged_since', 'timestamptz')
    .addColumn('reasons', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('facts', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('scored_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('story_scores_hot_idx')
    .on('story_scores')
    .columns(['hot desc', 'story_id'])
    .execute();
  await db.schema
    .createIndex('story_scores_flagged_idx')
    .on('story_scores')
    .columns(['hot desc'])
    .where(sql.ref('flagged'), '=', true)
    .execute();

  // No row: pending review. A row records who took the hot spot off the queue, how and why.
  await db.schema
    .createTable('hot_spot_reviews')
    .addColumn('story_id', 'uuid', (col) => col.primaryKey().references('stories.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('dismissed', 'amplified')`))
    .addColumn('reason', 'text')
    .addColumn('reviewer_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('reviewed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per story whose curators were told it entered the top 3: never twice.
  await db.schema
    .createTable('hot_spot_notifications')
    .addColumn('story_id', 'uuid', (col) => col.primaryKey().references('stories.id').onDelete('cascade'))
    .addColumn('notified_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // A ranking frozen when a reader opens the feed: paging through it never repeats or skips while scores move.
  await db.schema
    .createTable('feed_snapshots')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('filter_key', 'text', (col) => col.notNull())
    .addColumn('story_ids', sql`uuid[]`, (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('feed_snapshots_filter_created_idx')
    .on('feed_snapshots')
    .columns(['filter_key', 'created_at desc'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['feed_snapshots', 'hot_spot_notifications', 'hot_spot_reviews', 'story_scores']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('stories').dropColumn('practice_id').execute();
  for (const table of ['practices', 'story_similarities', 'story_terms'])
    await db.schema.dropTable(table).execute();
}
