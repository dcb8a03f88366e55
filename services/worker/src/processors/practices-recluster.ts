import { randomUUID } from 'node:crypto';
import { type Database, practices, storyNeighbours, type StoryIndexMirror } from '@kf/db';
import {
  assignClusterIds,
  connectedComponents,
  PRACTICE_SIMILARITY_THRESHOLD,
  practiceHotSpot,
  surfaceForms,
} from '@kf/domain';

/** Terms in a practice's label. */
const LABEL_TERMS = 3;

/**
 * practices.recluster: stories linked at or above the threshold form practices (connected components);
 * ids are kept across runs (assignClusterIds), so links to a practice survive its growth and merges.
 * Idempotent: the same links and stories give the same practices.
 */
export async function processPracticesRecluster(db: Database, mirror: StoryIndexMirror, now: () => Date) {
  await mirror.sync();
  // Read, cluster and save under one lock: a run in another process waits, then starts from what this saved.
  const clusters = await db.transaction().execute(async (trx) => {
    await practices.lockClustering(trx);
    const [links, liveStories] = await Promise.all([
      storyNeighbours.listLinksAtLeast(trx, PRACTICE_SIMILARITY_THRESHOLD),
      practices.listClusterableStories(trx),
    ]);
    const storyById = new Map(liveStories.map((story) => [story.id, story]));
    const components = connectedComponents(
      links.map((link) => [link.storyId, link.similarId] as const),
    ).filter((members) => members.length > 1);
    const previous = new Map(
      liveStories.flatMap((story) => (story.practiceId ? [[story.id, story.practiceId] as const] : [])),
    );
    const assignment = assignClusterIds(components, previous, randomUUID);

    const clusters = components.map((storyIds, index) => {
      const members = storyIds.map((id) => storyById.get(id)!).filter(Boolean);
      // Stems read badly ("manag"): label with the top terms that occur in titles, as the words they came from.
      const words = surfaceForms(members.map((story) => story.title));
      const candidates = mirror.index.topTerms(storyIds, LABEL_TERMS * 4);
      const inTitles = candidates.filter((term) => words.has(term));
      const terms = (inTitles.length ? inTitles : candidates).slice(0, LABEL_TERMS);
      return {
        id: assignment.componentIds[index]!,
        storyIds,
        label: terms.map((term) => words.get(term) ?? term).join(' · '),
        terms,
        units: [...new Set(members.map((story) => story.unitSlug))].sort(),
        firstSeenAt: new Date(Math.min(...members.map((story) => story.createdAt.getTime()))),
        stories: members.map((story) => ({ id: story.id, unit: story.unitSlug, createdAt: story.createdAt })),
      };
    });
    const stillUsed = new Set(assignment.componentIds);
    const vanished = [...new Set(previous.values())].filter((id) => !stillUsed.has(id));
    await practices.saveClusters(trx, clusters, vanished);
    return clusters;
  });

  const at = now();
  await practices.setPracticeHotSpots(
    db,
    clusters.map((cluster) => ({ id: cluster.id, ...practiceHotSpot({ stories: cluster.stories }, at) })),
    at,
  );
}
