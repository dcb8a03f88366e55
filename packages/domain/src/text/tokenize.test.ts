import { describe, it, expect } from 'vitest';
import { analyze, storyTermCounts, surfaceForms, termCounts } from './tokenize.js';

describe('analyze', () => {
  it('lowercases, drops stop words and Porter-stems', () => {
    expect(analyze('The Managers are managing their self-managed Teams')).toEqual([
      'manag',
      'manag',
      'self',
      'manag',
      'team',
    ]);
  });

  it('drops numbers, one-letter words, contractions and possessive endings', () => {
    expect(analyze("In 2024 we didn't wait: the team's 3 goals, a plan & I'm in")).toEqual([
      'wait',
      'team',
      'goal',
      'plan',
    ]);
  });

  it('drops numbers in any script, keeps words that only start with a digit', () => {
    expect(analyze('٢٠٢٤ and ２０２４: our 2nd plan, O’Brien’s')).toEqual(['2nd', 'plan', 'obrien']);
  });

  it('keeps letters outside ASCII', () => {
    expect(analyze('Équipes autonomes à Zürich')).toEqual(['équip', 'autonom', 'zürich']);
  });
});

describe('termCounts', () => {
  it('counts each stem', () => {
    expect(termCounts('Teams plan; the team plans again')).toEqual(
      new Map([
        ['team', 2],
        ['plan', 2],
      ]),
    );
  });
});

describe('storyTermCounts', () => {
  it('counts title terms twice, body and tag terms once', () => {
    const counts = storyTermCounts({
      title: 'Self-managed teams',
      body: 'The team plans its work.',
      tags: ['autonomy', 'teams'],
    });
    expect(Object.fromEntries(counts)).toEqual({ self: 2, manag: 2, team: 4, plan: 1, work: 1, autonomi: 1 });
  });
});

describe('surfaceForms', () => {
  it('maps each stem to the word it most often came from', () => {
    const forms = surfaceForms(['Managed teams', 'A managed team', 'managing the team']);
    expect(forms.get('manag')).toBe('managed');
    expect(forms.get('team')).toBe('team');
  });
});
