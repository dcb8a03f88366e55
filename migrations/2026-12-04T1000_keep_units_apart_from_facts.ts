import { type Kysely, sql } from 'kysely';

/**
 * The units that engaged with a story get their own column of `story_scores`, and the rest of the facts are
 * kept only for stories hot enough to flag (flagged, or held back by their author's share): the units are all
 * that is read of them (the hot-spot queue shows them, for reviewed hot spots too, flagged or not), and
 * sending and storing every story's facts, about 330 bytes of JSON each, cost a first refresh at 200k stories
 * about 1 s of PostgreSQL's CPU (of 8). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('story_scores')
    .addColumn('units', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .execute();
  await sql`
    update story_scores set
      units = array(select jsonb_array_elements_text(facts -> 'units')),
      facts = case when flagged or facts ->> 'heldBackByAuthorShare' = 'true' then facts else '{}' end
    where facts ? 'units'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update story_scores set facts = facts || jsonb_build_object('units', units)`.execute(db);
  await db.schema.alterTable('story_scores').dropColumn('units').execute();
}
