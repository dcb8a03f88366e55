import { describe, it, expect } from 'vitest';
import { type ScoreFacts, storyReasons } from './reasons.js';

const quiet: ScoreFacts = {
  members: 0,
  units: [],
  newUnits: [],
  evenness: 0,
  adoption: null,
  endorsements: 0,
  current: { members: 0, units: 0 },
  previous: { members: 0, units: 0 },
  hasBaseline: false,
  surge: null,
  peakDaysAgo: null,
  ignoredFutureEvents: 0,
  heldBackByAuthorShare: false,
};

describe('storyReasons', () => {
  it('says it in words, strongest first', () => {
    const facts: ScoreFacts = {
      ...quiet,
      members: 12,
      units: ['finance', 'sales', 'hr', 'legal', 'it'],
      newUnits: ['hr', 'legal', 'it'],
      adoption: {
        members: 5,
        units: ['finance', 'sales', 'hr', 'legal'],
        newUnits: ['sales', 'hr', 'legal'],
        spanDays: 6,
      },
      endorsements: 2,
      current: { members: 9, units: 4 },
      previous: { members: 0, units: 0 },
      hasBaseline: true,
      surge: { unit: 'finance', members: 5, previousMembers: 1, ratio: 5 },
    };
    expect(storyReasons(facts, (slug) => (slug === 'finance' ? 'Finance' : slug))).toEqual([
      'adopted in 4 business units in 6 days, 3 of them new this week',
      'engaged by 12 people across 5 business units, 3 of them new this week',
      '9 people this week, against none the week before',
      '5× the engagement expected for Finance',
      'endorsed by 2 executives',
    ]);
  });

  it('says nothing it cannot back: one adopting unit, no baseline, no growth', () => {
    const facts: ScoreFacts = {
      ...quiet,
      members: 4,
      units: ['sales', 'hr'],
      adoption: { members: 2, units: ['sales'], newUnits: [], spanDays: 1 },
      current: { members: 4, units: 2 },
      previous: { members: 4, units: 2 },
      hasBaseline: true,
      surge: { unit: 'sales', members: 3, previousMembers: 1, ratio: 2.5 },
      endorsements: 1,
    };
    expect(storyReasons(facts)).toEqual([
      'engaged by 4 people across 2 business units',
      '2.5× the engagement expected for sales',
      'endorsed by an executive',
    ]);
  });
});
