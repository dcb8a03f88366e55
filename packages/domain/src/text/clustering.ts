/**
 * Practices are groups of stories that describe the same thing: the connected components of the graph whose
 * edges join stories at least PRACTICE_SIMILARITY_THRESHOLD similar. Practice ids must survive re-clustering
 * (they are linked, featured and reported on), hence `assignClusterIds`.
 */

/**
 * Cosine similarity (TfIdfIndex) at which two stories count as the same practice. Tuned on
 * `sample-stories.fixture.ts`: retellings of one practice by different units score 0.32–0.62 (each family
 * stays connected through pairs above 0.35), while stories that only share a topic (two budgeting
 * practices, two meeting practices, a team charter and self-managed teams) score at most 0.17. 0.3 links
 * the former with room below, and stays clear of the latter: components chain, so a threshold that let
 * same-topic pairs through would merge whole topics into one "practice". Re-check on real stories.
 */
export const PRACTICE_SIMILARITY_THRESHOLD = 0.3;

/**
 * Groups of ids connected by `links` (union-find with path halving and union by size). Ids in `ids`
 * without links come back as single-member groups. Deterministic: members sorted, groups by size
 * (largest first), then by first member.
 */
export function connectedComponents(
  links: Iterable<readonly [string, string]>,
  ids: Iterable<string> = [],
): string[][] {
  const indexById = new Map<string, number>();
  const parent: number[] = [];
  const size: number[] = [];
  const indexOf = (id: string): number => {
    let index = indexById.get(id);
    if (index === undefined) {
      index = parent.length;
      indexById.set(id, index);
      parent.push(index);
      size.push(1);
    }
    return index;
  };
  const root = (index: number): number => {
    while (parent[index] !== index) {
      parent[index] = parent[parent[index]!]!;
      index = parent[index]!;
    }
    return index;
  };

  for (const id of ids) indexOf(id);
  for (const [a, b] of links) {
    let rootA = root(indexOf(a));
    let rootB = root(indexOf(b));
    if (rootA === rootB) continue;
    if (size[rootA]! < size[rootB]!) [rootA, rootB] = [rootB, rootA];
    parent[rootB] = rootA;
    size[rootA]! += size[rootB]!;
  }

  const membersByRoot = new Map<number, string[]>();
  for (const [id, index] of indexById) {
    const rootIndex = root(index);
    const members = membersByRoot.get(rootIndex);
    if (members === undefined) membersByRoot.set(rootIndex, [id]);
    else members.push(id);
  }
  const components = [...membersByRoot.values()];
  for (const members of components) members.sort();
  return components.sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
}

export interface ClusterAssignment {
  /** Member id → cluster id, for every member of every component. */
  clusterOf: Map<string, string>;
  /** Cluster id of each component, in the order the components were given. */
  componentIds: string[];
  /** Ids made by `newId` in this run. */
  created: string[];
  /**
   * Previous cluster ids that no component keeps, each with the id now held by most of its former members
   * (where it was merged into), or null when none of them is in a component any more.
   */
  retired: Map<string, string | null>;
}

/**
 * Gives each component a cluster id, keeping previous ids wherever it can:
 * - a component keeps the previous id held by most of its members (ties: the smallest id string);
 * - components that merged keep one of their ids (the biggest constituent's), the others are retired;
 * - a cluster that split keeps its id on the part with most of its former members (ties: the larger part);
 * - the other parts fall back to their next-best previous id, and only parts with none left get `newId()`.
 * Done greedily over (component, previous id) pairs, strongest overlap first: every id goes to the
 * component holding most of its members, and no id is used twice.
 */
export function assignClusterIds(
  components: readonly (readonly string[])[],
  previousClusterOf: ReadonlyMap<string, string>,
  newId: () => string,
): ClusterAssignment {
  const candidates: { component: number; previousId: string; overlap: number }[] = [];
  components.forEach((members, component) => {
    const overlapById = new Map<string, number>();
    for (const member of members) {
      const previousId = previousClusterOf.get(member);
      if (previousId !== undefined) overlapById.set(previousId, (overlapById.get(previousId) ?? 0) + 1);
    }
    for (const [previousId, overlap] of overlapById) candidates.push({ component, previousId, overlap });
  });
  candidates.sort(
    (a, b) =>
      b.overlap - a.overlap ||
      components[b.component]!.length - components[a.component]!.length ||
      (a.previousId < b.previousId ? -1 : a.previousId > b.previousId ? 1 : 0) ||
      a.component - b.component,
  );

  const componentIds: (string | undefined)[] = components.map(() => undefined);
  const taken = new Set<string>();
  // Where each previous id's members mostly went: the first candidate seen per id has the largest overlap.
  const strongestComponentOf = new Map<string, number>();
  for (const { component, previousId } of candidates) {
    if (!strongestComponentOf.has(previousId)) strongestComponentOf.set(previousId, component);
    if (componentIds[component] !== undefined || taken.has(previousId)) continue;
    componentIds[component] = previousId;
    taken.add(previousId);
  }

  const created: string[] = [];
  const finalIds = componentIds.map((id) => {
    if (id !== undefined) return id;
    const fresh = newId();
    created.push(fresh);
    return fresh;
  });

  const clusterOf = new Map<string, string>();
  components.forEach((members, component) => {
    for (const member of members) clusterOf.set(member, finalIds[component]!);
  });

  const retired = new Map<string, string | null>();
  for (const previousId of new Set(previousClusterOf.values())) {
    if (taken.has(previousId)) continue;
    const component = strongestComponentOf.get(previousId);
    retired.set(previousId, component === undefined ? null : finalIds[component]!);
  }
  return { clusterOf, componentIds: finalIds, created, retired };
}
