import { type Kysely, sql } from 'kysely';

/**
 * Curators' amplifications (headlines at the top of the feed), members' dismissals of them, and the audit log
 * of who amplified, edited, withdrew and dismissed what. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('amplifications')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('external_id', 'text', (col) => col.unique())
    .addColumn('story_id', 'uuid', (col) => col.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('headline', 'text', (col) => col.notNull())
    .addColumn('summary', 'text')
    .addColumn('curator_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('amplified_at', 'timestamptz', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('amplifications_story_id_idx')
    .on('amplifications')
    .column('story_id')
    .execute();
  // Headlines: amplifications not withdrawn, by expiry (the feed filters the unexpired ones).
  await db.schema
    .createIndex('amplifications_open_idx')
    .on('amplifications')
    .columns(['expires_at', 'amplified_at'])
    .where(sql.ref('withdrawn_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('amplification_dismissals')
    .addColumn('amplification_id', 'uuid', (col) =>
      col.notNull().references('amplifications.id').onDelete('cascade'),
    )
    .addColumn('member_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('dismissed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('amplification_dismissals_pk', ['member_id', 'amplification_id'])
    .execute();

  await db.schema
    .createTable('amplification_audit')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('amplification_id', 'uuid', (col) =>
      col.notNull().references('amplifications.id').onDelete('cascade'),
    )
    .addColumn('action', 'text', (col) =>
      col.notNull().check(sql`action in ('amplified', 'edited', 'withdrawn', 'dismissed')`),
    )
    .addColumn('actor_id', 'text', (col) => col.notNull().references('members.id'))
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addColumn('detail', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('amplification_audit_amplification_idx')
    .on('amplification_audit')
    .columns(['amplification_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['amplification_audit', 'amplification_dismissals', 'amplifications']) {
    await db.schema.dropTable(table).execute();
  }
}
