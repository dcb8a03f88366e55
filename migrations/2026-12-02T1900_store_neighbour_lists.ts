import { type Kysely, sql } from 'kysely';

/**
 * A story's neighbours as one row (ids and similarities in rank order) instead of ten rows, each with two
 * foreign-key checks and three index entries. story.index rewrites hundreds of lists per batch and every list
 * in a neighbours.refresh pass: a list is now one tuple to write (2,000 lists: 0.9 s → 0.07 s of PostgreSQL on
 * the bench machine), and a story page reads one row. Neighbour ids carry no foreign key (arrays cannot);
 * readers join them to live stories, and a deleted story's lists are recomputed by story.index. The GIN index
 * finds the lists holding a story (story.index recomputes them when it is edited or deleted).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('story_neighbours')
    .addColumn('story_id', 'uuid', (col) => col.primaryKey().references('stories.id').onDelete('cascade'))
    .addColumn('similar_ids', sql`uuid[]`, (col) => col.notNull())
    .addColumn('similarities', sql`float8[]`, (col) => col.notNull())
    .execute();
  // Without fastupdate: a pending list grows with every batch of rewritten lists and every search scans it.
  await sql`
    create index story_neighbours_similar_ids_idx on story_neighbours using gin (similar_ids)
    with (fastupdate = off)`.execute(db);
  await sql`
    insert into story_neighbours (story_id, similar_ids, similarities)
    select story_id, array_agg(similar_id order by similarity desc, similar_id),
           array_agg(similarity order by similarity desc, similar_id)
    from story_similarities group by story_id`.execute(db);
  await db.schema.dropTable('story_similarities').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
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
    .createIndex('story_similarities_ranked_idx')
    .on('story_similarities')
    .expression(sql`story_id, similarity desc, similar_id`)
    .execute();
  await sql`
    insert into story_similarities (story_id, similar_id, similarity)
    select story_neighbours.story_id, neighbour.similar_id, neighbour.similarity
    from story_neighbours
    cross join unnest(similar_ids, similarities) as neighbour(similar_id, similarity)
    join stories on stories.id = neighbour.similar_id`.execute(db);
  await db.schema.dropTable('story_neighbours').execute();
}
