import type { Database } from '../client.js';

export interface Neighbour {
  id: string;
  similarity: number;
}

/**
 * Replaces a story's stored nearest neighbours. An upsert plus a delete of the others, rather than delete-all
 * then insert, so two jobs refreshing the same story at once cannot collide on the primary key.
 */
export async function replaceSimilarities(db: Database, storyId: string, neighbours: Neighbour[]) {
  let stale = db.deleteFrom('storySimilarities').where('storyId', '=', storyId);
  if (neighbours.length)
    stale = stale.where(
      'similarId',
      'not in',
      neighbours.map((neighbour) => neighbour.id),
    );
  await stale.execute();
  if (neighbours.length === 0) return;
  await db
    .insertInto('storySimilarities')
    .values(
      neighbours.map((neighbour) => ({ storyId, similarId: neighbour.id, similarity: neighbour.similarity })),
    )
    .onConflict((conflict) =>
      conflict
        .columns(['storyId', 'similarId'])
        .doUpdateSet((eb) => ({ similarity: eb.ref('excluded.similarity') })),
    )
    .execute();
}

/** A story's neighbours for its detail view, best first, live stories only. */
export function listSimilarStories(db: Database, storyId: string) {
  return db
    .selectFrom('storySimilarities')
    .innerJoin('stories', 'stories.id', 'storySimilarities.similarId')
    .select(['stories.id', 'stories.title', 'stories.unitSlug', 'storySimilarities.similarity'])
    .where('storySimilarities.storyId', '=', storyId)
    .where('stories.deletedAt', 'is', null)
    .orderBy('storySimilarities.similarity', 'desc')
    .orderBy('stories.id')
    .execute();
}

/** Every link at or above a similarity, between live stories: the edges practices are clustered from. */
export function listLinksAtLeast(db: Database, threshold: number) {
  return db
    .selectFrom('storySimilarities')
    .innerJoin('stories as a', 'a.id', 'storySimilarities.storyId')
    .innerJoin('stories as b', 'b.id', 'storySimilarities.similarId')
    .select(['storySimilarities.storyId', 'storySimilarities.similarId'])
    .where('storySimilarities.similarity', '>=', threshold)
    .where('a.deletedAt', 'is', null)
    .where('b.deletedAt', 'is', null)
    .execute();
}
