import { describe, it, expect } from 'vitest';
import { computeAmplificationSpread, type AdoptionEvent, type SpreadInput } from './amplification-spread.js';

const DAY = 24 * 60 * 60 * 1000;
const amplifiedAt = new Date('2026-11-10T00:00:00Z');
const now = new Date('2026-11-20T00:00:00Z');

/** A date `days` after amplification (negative: before), plus `hours`. */
function at(days: number, hours = 12): Date {
  return new Date(amplifiedAt.getTime() + days * DAY + hours * 60 * 60 * 1000);
}

let member = 0;
function adoption(
  storyId: string,
  unit: string,
  when: Date,
  status: AdoptionEvent['status'] = 'trying',
): AdoptionEvent {
  return { storyId, memberId: `m${++member}`, unit, at: when, status };
}

/** `count` adoptions of `storyId`, spread over the days of the window starting `firstDay` days after amplification. */
function many(storyId: string, count: number, firstDay: number, units: string[]): AdoptionEvent[] {
  return Array.from({ length: count }, (_, i) =>
    adoption(storyId, units[i % units.length] ?? 'x', at(firstDay + (i % 10))),
  );
}

function input(overrides: Partial<SpreadInput>): SpreadInput {
  return {
    amplifiedAt,
    now,
    bucket: 'day',
    storyId: 's',
    practiceStoryIds: [],
    controlStoryIds: [],
    adoptions: [],
    endorsements: [],
    ...overrides,
  };
}

// 5 adoptions before in 2 units, 12 after in 4 units (two of them new).
const storyAdoptions = [
  ...many('s', 5, -10, ['hr', 'it']),
  ...many('s', 12, 0, ['hr', 'it', 'ops', 'sales']),
];

describe('computeAmplificationSpread', () => {
  it('counts adoptions, units and rates in equal windows before and after amplification', () => {
    const early = adoption('s', 'legal', at(-30));
    const spread = computeAmplificationSpread(input({ adoptions: [...storyAdoptions, early] }));

    expect(spread.windowDays).toBe(10);
    expect(spread.before).toEqual({ days: 10, adoptions: 5, units: 2, ratePerDay: 0.5 });
    expect(spread.after).toEqual({ days: 10, adoptions: 12, units: 4, ratePerDay: 1.2 });
    expect(spread.lift).toBe(0.7);

    // The adoption 30 days before counts only for its unit's first adoption.
    const legal = spread.units.find((unit) => unit.unit === 'legal');
    expect(legal).toEqual({
      unit: 'legal',
      firstAdoptionAt: '2026-10-11T12:00:00.000Z',
      adoptionsBefore: 0,
      adoptionsAfter: 0,
      newAfterAmplification: false,
    });
    expect(spread.units.map((unit) => unit.unit)).toEqual(['legal', 'hr', 'it', 'ops', 'sales']);
    expect(spread.units.find((unit) => unit.unit === 'hr')).toMatchObject({
      firstAdoptionAt: '2026-10-31T12:00:00.000Z',
      adoptionsBefore: 3,
      adoptionsAfter: 3,
      newAfterAmplification: false,
    });
    expect(spread.units.find((unit) => unit.unit === 'ops')).toMatchObject({
      firstAdoptionAt: '2026-11-10T12:00:00.000Z',
      adoptionsBefore: 0,
      adoptionsAfter: 3,
      newAfterAmplification: true,
    });
  });

  it('uses whole days for a partial after-window and caps the window at 90 days', () => {
    const partial = computeAmplificationSpread(input({ now: new Date('2026-11-12T06:00:00Z') }));
    expect(partial.windowDays).toBe(3);
    expect(partial.after.days).toBe(3);
    expect(partial.before.days).toBe(3);
    expect(computeAmplificationSpread(input({ now: amplifiedAt })).windowDays).toBe(1);
    expect(computeAmplificationSpread(input({ now: at(400) })).windowDays).toBe(90);
  });

  it('gives about zero lift over control when the control stories rose just as much', () => {
    const control = ['c1', 'c2'].flatMap((id) => [
      ...many(id, 5, -10, ['x', 'y']),
      ...many(id, 12, 0, ['x', 'y', 'z']),
    ]);
    const spread = computeAmplificationSpread(
      input({ controlStoryIds: ['c1', 'c2'], adoptions: [...storyAdoptions, ...control] }),
    );

    expect(spread.control.stories).toEqual(['c1', 'c2']);
    // Per-story averages: 10 and 24 adoptions over two stories.
    expect(spread.control.before).toEqual({ days: 10, adoptions: 5, units: 2, ratePerDay: 0.5 });
    expect(spread.control.after).toEqual({ days: 10, adoptions: 12, units: 3, ratePerDay: 1.2 });
    expect(spread.control.lift).toBe(0.7);
    expect(spread.liftOverControl).toBeCloseTo(0, 4);
  });

  it('gives a positive lift over control when the story rose and the control stayed flat', () => {
    const control = [...many('c1', 5, -10, ['x']), ...many('c1', 5, 0, ['x'])];
    const spread = computeAmplificationSpread(
      input({ controlStoryIds: ['c1'], adoptions: [...storyAdoptions, ...control] }),
    );

    expect(spread.control.lift).toBe(0);
    expect(spread.liftOverControl).toBe(0.7);
  });

  it('has no lift over control without control stories', () => {
    const spread = computeAmplificationSpread(input({ adoptions: storyAdoptions }));

    expect(spread.control.stories).toEqual([]);
    expect(spread.control.lift).toBe(0);
    expect(spread.liftOverControl).toBeNull();
  });

  it('shows dropped adoptions apart, counts endorsements per window and ignores the future', () => {
    const spread = computeAmplificationSpread(
      input({
        adoptions: [
          ...storyAdoptions,
          adoption('s', 'finance', at(-2), 'dropped'),
          adoption('s', 'finance', at(3), 'dropped'),
          adoption('s', 'finance', at(4), 'dropped'),
          adoption('s', 'future', at(15)),
          adoption('s', 'future', at(15), 'dropped'),
        ],
        endorsements: [at(-1), at(1), at(2), at(5), at(30)],
      }),
    );

    expect(spread.dropped).toEqual({ before: 1, after: 2 });
    expect(spread.before.adoptions).toBe(5);
    expect(spread.after.adoptions).toBe(12);
    expect(spread.after.units).toBe(4);
    expect(spread.units.map((unit) => unit.unit)).not.toContain('finance');
    expect(spread.units.map((unit) => unit.unit)).not.toContain('future');
    expect(spread.series.reduce((sum, bucket) => sum + bucket.adoptions, 0)).toBe(17);
    expect(spread.endorsements).toEqual({ before: 1, after: 3 });
  });

  it('builds contiguous weekly buckets starting on Mondays, with cumulative units never decreasing', () => {
    const spread = computeAmplificationSpread(
      input({ bucket: 'week', adoptions: [...storyAdoptions, adoption('s', 'legal', at(-30))] }),
    );

    // Before-window starts Friday 2026-10-31; its ISO week starts Monday 2026-10-26. Now is Friday 2026-11-20.
    expect(spread.series.map((bucket) => bucket.start)).toEqual([
      '2026-10-26T00:00:00.000Z',
      '2026-11-02T00:00:00.000Z',
      '2026-11-09T00:00:00.000Z',
      '2026-11-16T00:00:00.000Z',
    ]);
    for (const bucket of spread.series) expect(new Date(bucket.start).getUTCDay()).toBe(1);
    const cumulative = spread.series.map((bucket) => bucket.cumulativeUnits);
    expect(cumulative).toEqual([...cumulative].sort((a, b) => a - b));
    // 'legal' adopted before the series: it counts in the first bucket's units but not its adoptions.
    expect(spread.series[0]?.cumulativeUnits).toBe(3);
    expect(spread.series.at(-1)?.cumulativeUnits).toBe(5);
    expect(spread.series.reduce((sum, bucket) => sum + bucket.adoptions, 0)).toBe(17);
  });

  it('builds one daily bucket per day from the start of the before-window, empty days included', () => {
    const spread = computeAmplificationSpread(input({ adoptions: [adoption('s', 'hr', at(3))] }));

    expect(spread.series).toHaveLength(20);
    expect(spread.series[0]).toEqual({ start: '2026-10-31T00:00:00.000Z', adoptions: 0, cumulativeUnits: 0 });
    expect(spread.series[13]).toEqual({
      start: '2026-11-13T00:00:00.000Z',
      adoptions: 1,
      cumulativeUnits: 1,
    });
    expect(spread.series[19]).toEqual({
      start: '2026-11-19T00:00:00.000Z',
      adoptions: 0,
      cumulativeUnits: 1,
    });
  });

  it('aggregates the story with its practice stories, not with the control stories', () => {
    const spread = computeAmplificationSpread(
      input({
        practiceStoryIds: ['p1', 'p2'],
        controlStoryIds: ['c1'],
        adoptions: [
          ...storyAdoptions,
          ...many('p1', 3, -10, ['board']),
          ...many('p2', 8, 0, ['board', 'legal']),
          ...many('c1', 20, 0, ['control-unit']),
        ],
      }),
    );

    expect(spread.practice.stories).toBe(3);
    expect(spread.practice.before).toEqual({ days: 10, adoptions: 8, units: 3, ratePerDay: 0.8 });
    expect(spread.practice.after).toEqual({ days: 10, adoptions: 20, units: 6, ratePerDay: 2 });
    expect(spread.practice.lift).toBe(1.2);
    expect(spread.units.map((unit) => unit.unit)).not.toContain('control-unit');
    // The amplified story's own figures leave the practice stories out.
    expect(spread.after.adoptions).toBe(12);
  });
});
