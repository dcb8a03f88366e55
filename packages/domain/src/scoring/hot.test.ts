import { describe, it, expect } from 'vitest';
import { SCORING } from './constants.js';
import { DAYS_TRACKED, collectActivity, type StoryEvent } from './events.js';
import { emergence, measureHot, practiceHotSpot, unitSizeWeight, withinAuthorShare } from './hot.js';
import { AUTHOR, NOW, daysAgo, hoursAgo, members, story } from './story-input.fixture.js';

function hotOf(events: StoryEvent[], createdAt = daysAgo(30)) {
  const input = story(events, { createdAt });
  return measureHot(collectActivity(input, NOW), input, NOW);
}

/** 6 members in each of three units at `at`. */
function surgeAt(at: Date): StoryEvent[] {
  return ['sales', 'hr', 'legal'].flatMap((unit) => members(unit, 6, ['reaction'], at));
}

describe('emergence (Mastodon trends)', () => {
  it('is (observed − expected)² / expected, with expected at least 1, and 0 when fading', () => {
    expect(emergence(5, 0)).toBe(16);
    expect(emergence(10, 5)).toBe(5);
    expect(emergence(3, 4)).toBe(0);
    expect(emergence(4, 4)).toBe(0);
  });
});

describe('unitSizeWeight (Lemmy scaled rank, lemmy#5210 clamp)', () => {
  it('divides by log10 of the unit size, never below a size of 10', () => {
    expect(unitSizeWeight(1)).toBe(1);
    expect(unitSizeWeight(3)).toBe(1);
    expect(unitSizeWeight(100)).toBe(0.5);
  });
});

describe('measureHot', () => {
  it('keeps a surge in full while it is within the current week, then halves its peak every 48 h', () => {
    const fresh = hotOf(surgeAt(hoursAgo(1)));
    // (18 − 1)² + 10 × (3 − 1)².
    expect(fresh.score).toBe(329);
    expect(hotOf(surgeAt(daysAgo(6.5))).score).toBe(fresh.score);
    // 8 days ago: the latest windows holding the surge end 2 days ago, one half-life.
    const eightDays = hotOf(surgeAt(hoursAgo(8 * 24 + 1)));
    expect(eightDays.peakDaysAgo).toBe(2);
    expect(eightDays.score).toBeCloseTo(fresh.score / 2, 9);
    expect(hotOf(surgeAt(daysAgo(40))).score).toBe(0);
  });

  it('compares this week with the week before', () => {
    const steady = [...surgeAt(daysAgo(9)), ...surgeAt(daysAgo(2))];
    const result = hotOf(steady);
    expect(result.current).toEqual({ members: 18, units: 3 });
    expect(result.previous).toEqual({ members: 18, units: 3 });
    // The same people both weeks: nothing emerges now; what is left is last week's peak, decayed.
    expect(result.peakDaysAgo).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(hotOf(surgeAt(daysAgo(2))).score);
  });

  it('is 0 with too few members in all to reach the floors, and still counts both windows', () => {
    const few = hotOf([
      ...members('sales', 1, ['view'], daysAgo(9)),
      ...members('hr', 1, ['view'], daysAgo(1)),
    ]);
    expect(few).toMatchObject({ score: 0, peakDaysAgo: null, surge: null });
    expect(few.current).toEqual({ members: 1, units: 1 });
    expect(few.previous).toEqual({ members: 1, units: 1 });
  });

  it("counts the author's colleagues, and their unit, half", () => {
    const colleagues = hotOf([...members(AUTHOR.unit, 10), ...members('sales', 2)]);
    // Members 10 × 0.5 + 2 = 7, units 0.5 + 1 = 1.5: (7 − 1)² + 10 × (1.5 − 1)².
    expect(colleagues.score).toBe(38.5);
    expect(colleagues.score).toBeLessThan(hotOf([...members('hr', 10), ...members('sales', 2)]).score);
  });

  it('reports a surge only against a real baseline', () => {
    const events = [
      ...members('sales', 1, ['view'], daysAgo(9)),
      ...members('sales', 4),
      ...members('hr', 3),
    ];
    expect(hotOf(events).surge).toEqual({ unit: 'sales', members: 4, previousMembers: 1, ratio: 4 });
    expect(hotOf(events, daysAgo(3)).hasBaseline).toBe(false);
    expect(hotOf(events, daysAgo(3)).surge).toBeNull();
  });

  it('tracks few enough days for a 32-bit mask', () => {
    expect(DAYS_TRACKED).toBeLessThanOrEqual(31);
  });
});

describe('withinAuthorShare', () => {
  const spot = (storyId: string, days: number) => ({ storyId, flaggedSince: daysAgo(days) });

  it(`lets an author hold ${SCORING.hot.maxHotSpotsPerAuthor} hot spots, first flagged first served`, () => {
    expect(withinAuthorShare('new', [])).toBe(true);
    expect(withinAuthorShare('new', [spot('a', 2)])).toBe(true);
    expect(withinAuthorShare('new', [spot('a', 2), spot('b', 1)])).toBe(false);
    expect(withinAuthorShare('b', [spot('a', 2), spot('b', 1), spot('c', 3)])).toBe(false);
    expect(withinAuthorShare('a', [spot('a', 2), spot('b', 1), spot('c', 3)])).toBe(true);
    // Flagged at the same moment: by story id.
    expect(withinAuthorShare('y', [spot('x', 1), spot('y', 1), spot('w', 1)])).toBe(false);
  });
});

describe('practiceHotSpot', () => {
  const names: Record<string, string> = { finance: 'Finance', sales: 'Sales', operations: 'Operations' };
  const unitName = (slug: string) => names[slug] ?? slug;

  it('flags a practice told in 3 units within the window, with reasons', () => {
    const result = practiceHotSpot(
      {
        stories: [
          { id: 's3', unit: 'operations', createdAt: daysAgo(2) },
          { id: 's1', unit: 'finance', createdAt: daysAgo(14) },
          { id: 's2', unit: 'sales', createdAt: daysAgo(9) },
          { id: 's4', unit: 'finance', createdAt: daysAgo(1) },
        ],
      },
      NOW,
      { unitName },
    );
    expect(result).toEqual({
      flagged: true,
      reasons: ['the same practice appears in 3 business units in 12 days: Finance, Sales, Operations'],
      units: ['finance', 'sales', 'operations'],
      spanDays: 12,
    });
  });

  it('does not flag 3 units spread over more than the window, 2 units, or stories from the future', () => {
    const spreadOut = [
      { id: 's1', unit: 'finance', createdAt: daysAgo(40) },
      { id: 's2', unit: 'sales', createdAt: daysAgo(20) },
      { id: 's3', unit: 'operations', createdAt: daysAgo(1) },
    ];
    expect(practiceHotSpot({ stories: spreadOut }, NOW)).toMatchObject({
      flagged: false,
      reasons: [],
      units: ['sales', 'operations'],
    });
    expect(practiceHotSpot({ stories: spreadOut, windowDays: 45 }, NOW).flagged).toBe(true);
    const future = [...spreadOut.slice(1), { id: 's4', unit: 'hr', createdAt: hoursAgo(-1) }];
    expect(practiceHotSpot({ stories: future }, NOW).flagged).toBe(false);
    expect(practiceHotSpot({ stories: [] }, NOW)).toEqual({
      flagged: false,
      reasons: [],
      units: [],
      spanDays: null,
    });
  });
});
