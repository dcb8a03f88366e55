import { describe, it, expect } from 'vitest';
import { SCORING } from './constants.js';
import { ENGAGEMENT_KINDS, type StoryEvent } from './events.js';
import { scoreStory } from './score-story.js';
import { AUTHOR, NOW, daysAgo, event, hoursAgo, members, story } from './story-input.fixture.js';

const FIVE_UNITS = ['finance', 'sales', 'operations', 'hr', 'legal'];

/** 4 members in each of five units, one unit a day; two members of each of the first three adopt. */
function acrossFiveUnits(): StoryEvent[] {
  return FIVE_UNITS.flatMap((unit, day) => [
    ...members(unit, 4, ['view', 'reaction'], hoursAgo(1 + 24 * day)),
    ...(day < 3 ? members(unit, 2, ['adoption'], hoursAgo(1 + 24 * day)) : []),
  ]);
}

/** The same engagement, all from one unit. */
function fromOneUnit(): StoryEvent[] {
  return acrossFiveUnits().map((entry) => ({
    ...entry,
    memberId: `${entry.unit}/${entry.memberId}`,
    unit: 'sales',
  }));
}

describe('scoreStory', () => {
  it('flags a story engaged by 20 members of 5 units with reasons; from one unit, it ranks below', () => {
    const spread = scoreStory(story(acrossFiveUnits()), NOW);
    const local = scoreStory(story(fromOneUnit()), NOW);

    // Units of up to 10 members weigh 1: (20 − 1)² / 1 + 10 × (5 − 1)² / 1 = 361 + 160.
    expect(spread.hot).toBe(521);
    expect(spread.flagged).toBe(true);
    expect(spread.reasons).toEqual([
      'adopted in 3 business units in 2 days, all new this week',
      'engaged by 20 people across 5 business units, all new this week',
    ]);
    // Units in order of arrival: one a day, finance today.
    expect(spread.facts).toMatchObject({ members: 20, units: [...FIVE_UNITS].reverse(), evenness: 1 });

    expect(local.engagement).toBe(spread.engagement);
    expect(local.hot).toBeLessThan(spread.hot);
    expect(local.hot).toBe(0);
    expect(local.flagged).toBe(false);
    expect(local.reasons).toEqual([]);
    expect(local.spread).toBeLessThan(spread.spread);
  });

  it('flags from the documented threshold on: 5 people in 3 units, not 4', () => {
    const five = [...members('finance', 2), ...members('sales', 2), ...members('hr', 1)];
    const four = five.filter((entry) => entry.memberId !== 'sales-2');
    // (5 − 1)² + 10 × (3 − 1)² = 56 ≥ 50; (4 − 1)² + 10 × (3 − 1)² = 49.
    expect(scoreStory(story(five), NOW)).toMatchObject({ hot: 56, flagged: true });
    expect(scoreStory(story(four), NOW)).toMatchObject({ hot: 49, flagged: false });
    expect(SCORING.hot.flagThreshold).toBe(50);
  });

  it('changes no score when the author engages with their own story', () => {
    const others = acrossFiveUnits();
    const own: StoryEvent[] = [
      ...ENGAGEMENT_KINDS.map((kind) => ({
        ...event(kind, AUTHOR.id, AUTHOR.unit),
        byAuthor: true,
        endorsement: kind === 'comment',
      })),
      // Not flagged as the author's, but by the author's id: dropped all the same.
      event('adoption', AUTHOR.id, 'finance'),
    ];
    expect(scoreStory(story([...others, ...own]), NOW)).toEqual(scoreStory(story(others), NOW));
  });

  it('ignores events dated in the future beyond the clock skew', () => {
    const events = acrossFiveUnits();
    const inAnHour = hoursAgo(-1);
    const future = [
      ...members('marketing', 10, ['adoption'], inAnHour),
      ...members('sales', 4, ['share'], inAnHour),
    ];
    const withFuture = scoreStory(story([...events, ...future]), NOW);
    const without = scoreStory(story(events), NOW);
    expect(withFuture).toEqual({ ...without, facts: { ...without.facts, ignoredFutureEvents: 14 } });

    // Within the skew, an event counts as happening now.
    const skewed = new Date(NOW.getTime() + SCORING.clockSkewMs - 1);
    expect(scoreStory(story([event('reaction', 'm', 'sales', skewed)]), NOW).engagement).toBe(3);
  });

  it('cannot be flagged by one member repeating themselves', () => {
    const repeats = Array.from({ length: 200 }, (_, index) =>
      event(ENGAGEMENT_KINDS[index % ENGAGEMENT_KINDS.length]!, 'eager', 'sales', hoursAgo(index % 48)),
    );
    const result = scoreStory(story(repeats), NOW);
    expect(result).toMatchObject({ hot: 0, flagged: false, facts: { members: 1 } });
    // At most one of each kind: 1 + 3 + 5 + 6 + 12.
    expect(result.engagement).toBeLessThanOrEqual(27);
  });

  it('is not hot with fewer than 3 members or fewer than 2 units', () => {
    const twoMembersTwoUnits = [
      ...members('sales', 1, ['adoption', 'share']),
      ...members('hr', 1, ['adoption']),
    ];
    const manyMembersOneUnit = members('sales', 30, ['adoption', 'share']);
    for (const events of [twoMembersTwoUnits, manyMembersOneUnit]) {
      expect(scoreStory(story(events), NOW)).toMatchObject({ hot: 0, flagged: false, reasons: [] });
    }
  });

  it('does not over-favour tiny units: sizes below 10 count as 10', () => {
    const events = [...members('a', 2), ...members('b', 2), ...members('c', 2)];
    const sized = (size: number) => new Map(['a', 'b', 'c'].map((unit) => [unit, size]));
    const tiny = scoreStory(story(events, { unitSizes: sized(2) }), NOW);
    const normal = scoreStory(story(events, { unitSizes: sized(10) }), NOW);
    const large = scoreStory(story(events, { unitSizes: sized(1000) }), NOW);
    expect(tiny.hot).toBe(normal.hot);
    // Members of a unit of 1000 count 1 / log10(1000) = 1/3: (2 − 1)² + 10 × (3 − 1)² = 41.
    expect(large.hot).toBe(41);
    expect(large.hot).toBeLessThan(normal.hot);
  });

  it('holds back a hot spot beyond the author’s share, first flagged first served', () => {
    const input = story(acrossFiveUnits());
    const earlier = [
      { storyId: 'older-1', flaggedSince: daysAgo(3) },
      { storyId: 'older-2', flaggedSince: daysAgo(2) },
    ];
    const heldBack = scoreStory(input, NOW, { authorHotSpots: earlier });
    expect(heldBack).toMatchObject({ flagged: false, reasons: [], facts: { heldBackByAuthorShare: true } });
    expect(heldBack.hot).toBe(scoreStory(input, NOW).hot);

    const firstOfThree = [...earlier, { storyId: input.storyId, flaggedSince: daysAgo(4) }];
    expect(scoreStory(input, NOW, { authorHotSpots: firstOfThree }).flagged).toBe(true);
  });

  it('names units through unitName in its reasons', () => {
    // Created three weeks ago: last week is a real baseline. Sales grows from 1 member to 6.
    const events = [
      ...members('sales', 1, ['view'], daysAgo(10)),
      ...members('sales', 6, ['reaction'], hoursAgo(5)),
      ...members('hr', 3, ['share'], hoursAgo(5)),
      { ...event('comment', 'ceo', 'board', hoursAgo(3)), endorsement: true },
    ];
    const result = scoreStory(story(events, { createdAt: daysAgo(21) }), NOW, {
      unitName: (slug) => slug.toUpperCase(),
    });
    expect(result.flagged).toBe(true);
    expect(result.reasons).toEqual([
      'engaged by 10 people across 3 business units, 2 of them new this week',
      '10 people this week, against 1 the week before',
      '6× the engagement expected for SALES',
      'endorsed by an executive',
    ]);
  });

  it('gives the same output for the same input, whatever the order of the events', () => {
    const events = [...acrossFiveUnits(), ...members('sales', 3, ['comment', 'share'], daysAgo(9))];
    const first = scoreStory(story(events), NOW);
    expect(scoreStory(story(events), NOW)).toEqual(first);
    expect(scoreStory(story([...events].reverse()), NOW)).toEqual(first);
  });
});
