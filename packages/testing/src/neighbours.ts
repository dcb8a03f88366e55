import { type Database, storyNeighbours } from '@kf/db';

/**
 * Stores one story's neighbour list as story.index writes it (no worker runs in API tests): neighbours as
 * `[id, similarity]`, best first.
 */
export function saveNeighbourList(
  db: Database,
  storyId: string,
  neighbours: readonly (readonly [id: string, similarity: number])[],
) {
  return storyNeighbours.saveNeighbourLists(
    db,
    new Map([[storyId, neighbours.map(([id, similarity]) => ({ id, similarity }))]]),
  );
}
