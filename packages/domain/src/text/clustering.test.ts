import { describe, it, expect } from 'vitest';
import { PRACTICE_SIMILARITY_THRESHOLD, assignClusterIds, connectedComponents } from './clustering.js';
import { SAMPLE_STORIES } from './sample-stories.fixture.js';
import { TfIdfIndex } from './tfidf-index.js';
import { storyTermCounts } from './tokenize.js';

function counter(prefix: string): () => string {
  let next = 0;
  return () => `${prefix}${++next}`;
}

function assignmentOf(clusters: Record<string, string[]>): Map<string, string> {
  return new Map(Object.entries(clusters).flatMap(([id, members]) => members.map((member) => [member, id])));
}

describe('connectedComponents', () => {
  it('joins linked ids transitively and keeps unlinked ids alone', () => {
    const links: [string, string][] = [
      ['b', 'a'],
      ['c', 'b'],
      ['x', 'y'],
    ];
    expect(connectedComponents(links, ['a', 'lonely'])).toEqual([['a', 'b', 'c'], ['x', 'y'], ['lonely']]);
  });

  it('returns nothing for no links and no ids', () => {
    expect(connectedComponents([])).toEqual([]);
  });
});

describe('assignClusterIds', () => {
  it('gives new ids to clusters seen for the first time', () => {
    const result = assignClusterIds(
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      new Map(),
      counter('p'),
    );
    expect(result.componentIds).toEqual(['p1', 'p2']);
    expect(result.created).toEqual(['p1', 'p2']);
    expect(result.clusterOf.get('d')).toBe('p2');
    expect(result.retired.size).toBe(0);
  });

  it('keeps the id when a cluster grows', () => {
    const previous = assignmentOf({ p1: ['a', 'b'], p2: ['c', 'd'] });
    const result = assignClusterIds(
      [
        ['c', 'd', 'e'],
        ['a', 'b', 'f', 'g'],
      ],
      previous,
      counter('new'),
    );
    expect(result.componentIds).toEqual(['p2', 'p1']);
    expect(result.created).toEqual([]);
    expect(result.clusterOf.get('g')).toBe('p1');
  });

  it('keeps the id of the larger cluster in a merge and retires the other into it', () => {
    const previous = assignmentOf({ p2: ['a', 'b', 'c'], p1: ['d', 'e'] });
    const result = assignClusterIds([['a', 'b', 'c', 'd', 'e']], previous, counter('new'));
    expect(result.componentIds).toEqual(['p2']);
    expect(result.retired).toEqual(new Map([['p1', 'p2']]));
  });

  it('breaks a tie in a merge towards the smallest id', () => {
    const previous = assignmentOf({ p7: ['a', 'b'], p3: ['c', 'd'] });
    const result = assignClusterIds([['a', 'b', 'c', 'd', 'new-story']], previous, counter('new'));
    expect(result.componentIds).toEqual(['p3']);
    expect(result.retired).toEqual(new Map([['p7', 'p3']]));
  });

  it('keeps the id on the larger part of a split and gives the other part a new one', () => {
    const previous = assignmentOf({ p1: ['a', 'b', 'c', 'd', 'e'] });
    const result = assignClusterIds(
      [
        ['d', 'e'],
        ['a', 'b', 'c'],
      ],
      previous,
      counter('new'),
    );
    expect(result.componentIds).toEqual(['new1', 'p1']);
    expect(result.created).toEqual(['new1']);
    expect(result.retired.size).toBe(0);
  });

  it('lets a split part fall back to its next-best previous id', () => {
    // p1 split: a, b, c stay together; d, e joined p2's members. p2 was not claimed elsewhere.
    const previous = assignmentOf({ p1: ['a', 'b', 'c', 'd', 'e'], p2: ['f'] });
    const result = assignClusterIds(
      [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ],
      previous,
      counter('new'),
    );
    expect(result.componentIds).toEqual(['p1', 'p2']);
    expect(result.created).toEqual([]);
  });

  it('retires ids whose members are no longer clustered', () => {
    const previous = assignmentOf({ p1: ['a', 'b'], p2: ['c', 'd'] });
    const result = assignClusterIds([['a', 'b']], previous, counter('new'));
    expect(result.componentIds).toEqual(['p1']);
    expect(result.retired).toEqual(new Map([['p2', null]]));
  });
});

describe('practices from sample stories', () => {
  it('links stories at PRACTICE_SIMILARITY_THRESHOLD into exactly their practices', () => {
    const index = new TfIdfIndex();
    for (const story of SAMPLE_STORIES) index.upsert(story.id, storyTermCounts(story));
    index.reweight();
    const links = SAMPLE_STORIES.flatMap((story) =>
      index
        .neighbours(story.id, 10, { minSimilarity: PRACTICE_SIMILARITY_THRESHOLD })
        .map((neighbour): [string, string] => [story.id, neighbour.id]),
    );
    const storiesByPractice = new Map<string, string[]>();
    for (const story of SAMPLE_STORIES) {
      storiesByPractice.set(story.practice, [...(storiesByPractice.get(story.practice) ?? []), story.id]);
    }
    const components = connectedComponents(
      links,
      SAMPLE_STORIES.map((story) => story.id),
    );
    expect(new Set(components.map((members) => members.join(' ')))).toEqual(
      new Set([...storiesByPractice.values()].map((members) => members.sort().join(' '))),
    );
  });
});
