import { type Kysely, sql } from 'kysely';

/**
 * `story_terms.unit_slug` goes: it was written with every term vector and never read (index mirrors keep no
 * unit since 2026-12-03; a story's unit is read from `stories` where it is shown). A worker from before this
 * migration fails its `story.index` batch until it is replaced; the jobs are retried, and `scores.refresh`
 * re-queues any story whose terms are older than its text, so nothing is lost. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('story_terms').dropColumn('unit_slug').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('story_terms').addColumn('unit_slug', 'text').execute();
  await sql`update story_terms set unit_slug = stories.unit_slug
            from stories where stories.id = story_terms.story_id`.execute(db);
  await sql`alter table story_terms alter column unit_slug set not null`.execute(db);
}
