import { describe, it, expect } from 'vitest';
import { collectActivity, type StoryEvent } from './events.js';
import { evenness, measureSpread } from './spread.js';
import { AUTHOR, NOW, daysAgo, hoursAgo, members, story } from './story-input.fixture.js';

function spreadOf(events: StoryEvent[]) {
  return measureSpread(collectActivity(story(events), NOW), AUTHOR.unit, NOW);
}

describe('evenness', () => {
  it('is 1 for an even spread, 0 for a single unit, and in between when skewed', () => {
    expect(evenness([4, 4, 4])).toBeCloseTo(1, 12);
    expect(evenness([12])).toBe(0);
    const skewed = evenness([10, 1, 1]);
    expect(skewed).toBeGreaterThan(0);
    expect(skewed).toBeLessThan(0.6);
  });
});

describe('measureSpread', () => {
  it('scores an even spread above a skewed one with the same totals', () => {
    const even = spreadOf([...members('sales', 4), ...members('hr', 4), ...members('legal', 4)]);
    const skewed = spreadOf([...members('sales', 10), ...members('hr', 1), ...members('legal', 1)]);
    expect(even.units).toHaveLength(3);
    expect(skewed.units).toHaveLength(3);
    // All new this week: reach 3 × (1 + J) / 2 + 0.5 × 3.
    expect(even.score).toBeCloseTo(4.5, 12);
    expect(skewed.score).toBeLessThan(even.score);
  });

  it("counts the author's own unit half", () => {
    const colleagues = spreadOf([...members(AUTHOR.unit, 3), ...members('sales', 3)]);
    const others = spreadOf([...members('hr', 3), ...members('sales', 3)]);
    // (0.5 + 1) × (1 + 1) / 2 + 0.5 × 1.5 against (1 + 1) × (1 + 1) / 2 + 0.5 × 2.
    expect(colleagues.score).toBe(2.25);
    expect(others.score).toBe(3);
  });

  it('gives a bonus to units that arrived within the last 7 days', () => {
    const old = [...members('sales', 2, ['view'], daysAgo(20)), ...members('hr', 2, ['view'], daysAgo(10))];
    const settled = spreadOf(old);
    const arriving = spreadOf([...old, ...members('legal', 2, ['view'], daysAgo(3))]);
    expect(settled.newUnits).toEqual([]);
    expect(arriving.newUnits).toEqual(['legal']);
    expect(arriving.units).toEqual(['sales', 'hr', 'legal']);
    expect(arriving.score - settled.score).toBeGreaterThan(1);
  });

  it('reports where and how fast the practice was adopted', () => {
    const result = spreadOf([
      ...members('sales', 2, ['adoption'], daysAgo(12)),
      ...members('hr', 1, ['adoption'], daysAgo(5)),
      ...members('legal', 3, ['view', 'adoption'], hoursAgo(1)),
      ...members('finance', 3, ['view']),
    ]);
    expect(result.adoption).toEqual({
      members: 6,
      units: ['sales', 'hr', 'legal'],
      newUnits: ['hr', 'legal'],
      spanDays: 12,
    });
    expect(spreadOf(members('sales', 3)).adoption).toBeNull();
  });
});
