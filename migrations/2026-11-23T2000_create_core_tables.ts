import { type Kysely, sql } from 'kysely';

/**
 * Business units, members, stories and what members do with stories, plus the idempotency-key store.
 * Frozen once landed: change the schema with a new migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('business_units')
    .addColumn('slug', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('division', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('unit_slug', 'text', (col) => col.notNull().references('business_units.slug'))
    .addColumn('roles', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('members_unit_slug_idx').on('members').column('unit_slug').execute();

  // counts are kept exact by the worker's story.score job (recomputed from the event tables, so idempotent).
  await db.schema
    .createTable('stories')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('external_id', 'text', (col) => col.unique())
    .addColumn('author_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('unit_slug', 'text', (col) => col.notNull().references('business_units.slug'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('tags', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('view_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('reaction_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('share_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('comment_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('adoption_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('unit_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('stories_author_id_idx').on('stories').column('author_id').execute();
  await db.schema
    .createIndex('stories_live_created_at_idx')
    .on('stories')
    .columns(['created_at desc', 'id desc'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  await db.schema.createIndex('stories_tags_idx').on('stories').using('gin').column('tags').execute();

  // dedupe_key makes the contract's counting rules a unique constraint: a view counts once a day
  // ("view:2026-11-23"), a reaction or a share once ("reaction", "share").
  await db.schema
    .createTable('engagements')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('external_id', 'text', (col) => col.unique())
    .addColumn('story_id', 'uuid', (col) => col.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('unit_slug', 'text', (col) => col.notNull().references('business_units.slug'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('view', 'reaction', 'share')`))
    .addColumn('dedupe_key', 'text', (col) => col.notNull())
    .addColumn('by_author', 'boolean', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('engagements_once_uq', ['story_id', 'member_id', 'dedupe_key'])
    .execute();
  await db.schema
    .createIndex('engagements_story_kind_idx')
    .on('engagements')
    .columns(['story_id', 'kind', 'created_at'])
    .execute();
  await db.schema.createIndex('engagements_created_at_idx').on('engagements').column('created_at').execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('external_id', 'text', (col) => col.unique())
    .addColumn('story_id', 'uuid', (col) => col.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('unit_slug', 'text', (col) => col.notNull().references('business_units.slug'))
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('endorsement', 'boolean', (col) => col.notNull())
    .addColumn('by_author', 'boolean', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('comments_story_created_at_idx')
    .on('comments')
    .columns(['story_id', 'created_at'])
    .execute();
  await db.schema.createIndex('comments_created_at_idx').on('comments').column('created_at').execute();

  await db.schema
    .createTable('adoptions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('external_id', 'text', (col) => col.unique())
    .addColumn('story_id', 'uuid', (col) => col.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('unit_slug', 'text', (col) => col.notNull().references('business_units.slug'))
    .addColumn('note', 'text')
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('trying')
        .check(sql`status in ('trying', 'adopted', 'dropped')`),
    )
    .addColumn('outcome', 'text')
    .addColumn('by_author', 'boolean', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('adoptions_once_uq', ['story_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('adoptions_member_created_at_idx')
    .on('adoptions')
    .columns(['member_id', 'created_at'])
    .execute();
  await db.schema.createIndex('adoptions_created_at_idx').on('adoptions').column('created_at').execute();

  // One row per (member, operation, key): the first request inserts it and stores its response;
  // a concurrent or later repeat waits on the row, then replays that response.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('member_id', 'text', (col) => col.notNull())
    .addColumn('operation', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('request_hash', 'text', (col) => col.notNull())
    .addColumn('status_code', 'integer', (col) => col.notNull())
    .addColumn('response', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['member_id', 'operation', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'idempotency_keys',
    'adoptions',
    'comments',
    'engagements',
    'stories',
    'members',
    'business_units',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
