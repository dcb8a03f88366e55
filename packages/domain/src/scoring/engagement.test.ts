import { describe, it, expect } from 'vitest';
import { SCORING } from './constants.js';
import { engagementScore } from './engagement.js';
import { ENGAGEMENT_KINDS, type StoryEvent, collectActivity } from './events.js';
import { NOW, event, hoursAgo, story } from './story-input.fixture.js';

function engagementOf(events: StoryEvent[]): number {
  return engagementScore(collectActivity(story(events), NOW).members, NOW);
}

describe('engagementScore', () => {
  it('halves with each half-life of age', () => {
    const { halfLifeHours } = SCORING.engagement;
    const fresh = engagementOf([event('reaction', 'm', 'sales', NOW)]);
    expect(fresh).toBe(3);
    expect(engagementOf([event('reaction', 'm', 'sales', hoursAgo(halfLifeHours))])).toBe(fresh / 2);
    expect(engagementOf([event('reaction', 'm', 'sales', hoursAgo(2 * halfLifeHours))])).toBe(fresh / 4);
  });

  it('weighs views < reactions < shares < comments < adoptions', () => {
    const scores = ENGAGEMENT_KINDS.map((kind) => engagementOf([event(kind, 'm', 'sales', NOW)]));
    expect(scores).toEqual([1, 3, 5, 6, 12]);
    for (let index = 1; index < scores.length; index += 1)
      expect(scores[index]).toBeGreaterThan(scores[index - 1]!);
  });

  it("adds the endorsement bonus to an executive's comment", () => {
    const endorsed = engagementOf([{ ...event('comment', 'ceo', 'board', NOW), endorsement: true }]);
    expect(endorsed).toBe(SCORING.engagement.weights.comment + SCORING.engagement.endorsementBonus);
  });

  it('counts each kind once per member, at its latest event', () => {
    const views = Array.from({ length: 100 }, (_, index) =>
      event('view', 'm', 'sales', hoursAgo(72 + index)),
    );
    expect(engagementOf(views)).toBe(0.5);
    expect(engagementOf([...views, event('view', 'other', 'sales', hoursAgo(72))])).toBe(1);
  });
});
