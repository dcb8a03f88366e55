import { type Kysely, sql } from 'kysely';

/**
 * Each neighbour list also stored as the story page shows it (`similar_stories`: id, title, unit, otherUnit,
 * similarity, best first, live neighbours only), written with the list by story.index and rewritten when a
 * neighbour is edited. The page read its neighbours by joining ten stories and aggregating them at every
 * request, which cost PostgreSQL as much as every other join of the page together (pgbench on the bench
 * corpus: 6,600–8,200 statements/s with the join, 10,200–11,500 reading the stored document). `json`, not
 * `jsonb`: it is only ever sent whole, and json is returned as stored.
 *
 * A neighbour deleted since its lists were written is still in them until story.index rewrites them; the page
 * drops it by its id, found through the partial index of deleted stories created here (few rows, no heap
 * visit for the live ones). Existing lists are converted in place. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('story_neighbours').addColumn('similar_stories', 'json').execute();
  await sql`
    update story_neighbours list set similar_stories = (
      select coalesce(json_agg(json_build_object(
               'id', linked.id, 'title', linked.title, 'unit', linked.unit_slug,
               'otherUnit', linked.unit_slug <> owner.unit_slug, 'similarity', neighbour.similarity
             ) order by neighbour.rank), '[]')
      from unnest(list.similar_ids, list.similarities) with ordinality as neighbour(id, similarity, rank)
      join stories linked on linked.id = neighbour.id and linked.deleted_at is null)
    from stories owner where owner.id = list.story_id`.execute(db);
  await db.schema
    .alterTable('story_neighbours')
    .alterColumn('similar_stories', (col) => col.setNotNull())
    .execute();
  await sql`create index stories_deleted_id_idx on stories (id) where deleted_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('stories_deleted_id_idx').execute();
  await db.schema.alterTable('story_neighbours').dropColumn('similar_stories').execute();
}
