import { type Kysely, sql } from 'kysely';

/**
 * Weekly spread reports, built once per ISO week from a snapshot and stored, and their deliveries: one row per
 * (week, recipient, sequence) so a recipient gets a week's report at most once unless an admin forces a resend
 * (sequence 1, 2…). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('weekly_reports')
    .addColumn('iso_week', 'text', (col) => col.primaryKey())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('period_start', 'timestamptz', (col) => col.notNull())
    .addColumn('period_end', 'timestamptz', (col) => col.notNull())
    .addColumn('report', 'jsonb', (col) => col.notNull())
    .addColumn('built_at', 'timestamptz', (col) => col.notNull())
    .addColumn('rebuilt_by', 'text', (col) => col.references('members.id'))
    .addColumn('rebuild_count', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('report_deliveries')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('iso_week', 'text', (col) =>
      col.notNull().references('weekly_reports.iso_week').onDelete('cascade'),
    )
    .addColumn('recipient', 'text', (col) => col.notNull())
    .addColumn('sequence', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sending', 'retrying', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addUniqueConstraint('report_deliveries_once_uq', ['iso_week', 'recipient', 'sequence'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_deliveries').execute();
  await db.schema.dropTable('weekly_reports').execute();
}
