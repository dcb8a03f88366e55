import { type Kysely, sql } from 'kysely';

/**
 * Compact stored term vectors, so a worker restart reads its index from PostgreSQL in about a second at 200k
 * stories (JSONB term counts took seconds to fetch and parse):
 * - `terms`, a dictionary giving each stemmed term an integer id;
 * - `story_terms.term_ids` / `counts`: the story's term ids (int4) and counts (int2), big-endian, packed in
 *   bytea (fetched as hex, which decodes natively), written by `int4send`/`int2send` here too;
 * - `story_terms.written_by`: the transaction that wrote the row, so index mirrors sync from the oldest
 *   transaction still running at their last sync instead of re-reading a window of timestamps.
 * Existing rows are converted in place. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('terms')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('term', 'text', (col) => col.notNull().unique())
    .execute();
  await sql`
    insert into terms (term)
    select distinct key from story_terms, jsonb_object_keys(term_counts) as key order by key`.execute(db);

  await db.schema
    .alterTable('story_terms')
    .addColumn('term_ids', 'bytea', (col) => col.notNull().defaultTo(sql`''::bytea`))
    .addColumn('counts', 'bytea', (col) => col.notNull().defaultTo(sql`''::bytea`))
    .addColumn('written_by', sql`xid8`, (col) => col.notNull().defaultTo(sql`pg_current_xact_id()`))
    .execute();
  await sql`
    update story_terms st set term_ids = packed.term_ids, counts = packed.counts
    from (
      select s.story_id,
             string_agg(int4send(t.id), ''::bytea order by t.id) as term_ids,
             string_agg(int2send(least(e.value::int, 32767)::int2), ''::bytea order by t.id) as counts
      from story_terms s
      cross join jsonb_each_text(s.term_counts) as e
      join terms t on t.term = e.key
      group by s.story_id
    ) as packed
    where packed.story_id = st.story_id`.execute(db);
  await db.schema.alterTable('story_terms').dropColumn('term_counts').execute();
  await db.schema
    .alterTable('story_terms')
    .alterColumn('term_ids', (col) => col.dropDefault())
    .alterColumn('counts', (col) => col.dropDefault())
    .execute();
  await db.schema.dropIndex('story_terms_updated_at_idx').execute();
  await db.schema.createIndex('story_terms_written_by_idx').on('story_terms').column('written_by').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('story_terms_written_by_idx').execute();
  await db.schema.createIndex('story_terms_updated_at_idx').on('story_terms').column('updated_at').execute();
  await db.schema
    .alterTable('story_terms')
    .addColumn('term_counts', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await sql`
    update story_terms st set term_counts = unpacked.term_counts
    from (
      select s.story_id,
             jsonb_object_agg(t.term, get_byte(s.counts, 2 * i) * 256 + get_byte(s.counts, 2 * i + 1)) as term_counts
      from story_terms s
      cross join generate_series(0, length(s.term_ids) / 4 - 1) as i
      join terms t on t.id = (get_byte(s.term_ids, 4 * i) << 24) | (get_byte(s.term_ids, 4 * i + 1) << 16)
                           | (get_byte(s.term_ids, 4 * i + 2) << 8) | get_byte(s.term_ids, 4 * i + 3)
      group by s.story_id
    ) as unpacked
    where unpacked.story_id = st.story_id`.execute(db);
  await db.schema
    .alterTable('story_terms')
    .alterColumn('term_counts', (col) => col.dropDefault())
    .execute();
  await db.schema
    .alterTable('story_terms')
    .dropColumn('term_ids')
    .dropColumn('counts')
    .dropColumn('written_by')
    .execute();
  await db.schema.dropTable('terms').execute();
}
