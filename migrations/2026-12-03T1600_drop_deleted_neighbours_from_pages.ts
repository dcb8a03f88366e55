import { type Kysely, sql } from 'kysely';

/**
 * A story's deletion now takes it out of the page copies of the lists holding it, in its own transaction
 * (services/story-deletion.service.ts), so the story page no longer looks for deleted neighbours at every
 * read, and the partial index of deleted stories it used goes. Copies written before, that still hold a
 * story deleted since (story.index had not rewritten them yet), are mended here first. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The lock every writer of the lists takes (story.index, deletions), so a worker still running cannot
  // deadlock with this many-row update.
  await sql`select pg_advisory_xact_lock(hashtext('story_neighbours'))`.execute(db);
  await sql`
    update story_neighbours list set similar_stories = (
      select coalesce(json_agg(item.value order by item.position), '[]'::json)
      from json_array_elements(list.similar_stories) with ordinality as item(value, position)
      where not exists (select from stories deleted
                        where deleted.id = (item.value ->> 'id')::uuid and deleted.deleted_at is not null))
    where exists (select from stories deleted
                  where deleted.id = any(list.similar_ids) and deleted.deleted_at is not null)`.execute(db);
  await db.schema.dropIndex('stories_deleted_id_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index stories_deleted_id_idx on stories (id) where deleted_at is not null`.execute(db);
}
