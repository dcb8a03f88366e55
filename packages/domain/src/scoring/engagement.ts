import { SCORING } from './constants.js';
import { ENGAGEMENT_KINDS, type MemberActivity } from './events.js';
import { decayed } from './maths.js';

/**
 * Time-decayed weighted engagement: Σ over members and kinds of weight(kind) × 0.5^(age / half-life), each
 * member counting once per kind, at their latest event of that kind, and an executive's comment with the
 * endorsement bonus. One member can therefore add at most 1 + 3 + 5 + (6 + 6) + 12 = 33, however often they
 * repeat themselves. Weights and half-life: `SCORING.engagement`.
 */
export function engagementScore(members: readonly MemberActivity[], now: Date): number {
  const { weights, endorsementBonus, halfLifeHours } = SCORING.engagement;
  const nowMs = now.getTime();
  let total = 0;
  for (const member of members) {
    for (const kind of ENGAGEMENT_KINDS) {
      const at = member.latestAt[kind];
      if (at === undefined) continue;
      const weight = weights[kind] + (kind === 'comment' && member.endorsed ? endorsementBonus : 0);
      total += decayed(weight, nowMs - at, halfLifeHours);
    }
  }
  return total;
}
