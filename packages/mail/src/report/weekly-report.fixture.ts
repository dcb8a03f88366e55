import type { WeeklyReport } from '@kf/domain';

/**
 * A plausible 2026-W47 report in Paris time (UTC+1 in November): two headlines, one without a control group,
 * a folded "Other units" row, and a story title with a comma and quotes for the CSV and escaping paths.
 */
export function sampleWeeklyReport(): WeeklyReport {
  return {
    isoWeek: '2026-W47',
    timeZone: 'Europe/Paris',
    period: { start: '2026-11-15T23:00:00.000Z', end: '2026-11-22T23:00:00.000Z' },
    generatedAt: '2026-11-23T06:00:00.000Z',
    minUnitMembers: 5,
    glance: {
      stories: { value: 18, previous: 14, change: 4 },
      activeMembers: { value: 142, previous: 151, change: -9 },
      unitsEngaged: { value: 9, previous: 9, change: 0 },
      adoptions: { value: 37, previous: 22, change: 15 },
    },
    headlines: [
      {
        amplificationId: 'amp-1',
        storyId: 'story-self-managed',
        headline: 'Crews that plan their own shifts cut downtime by a third',
        storyTitle: 'Our maintenance crews became self-managed teams',
        amplifiedAt: '2026-10-26T08:30:00.000Z',
        unitsReached: 7,
        newUnitsThisWeek: 2,
        adoptions: 31,
        adoptionsThisWeek: 9,
        lift: 0.4286,
        liftOverControl: 0.3143,
        series: [
          { start: '2026-10-18T22:00:00.000Z', adoptions: 2, cumulativeUnits: 1 },
          { start: '2026-10-25T23:00:00.000Z', adoptions: 4, cumulativeUnits: 2 },
          { start: '2026-11-01T23:00:00.000Z', adoptions: 6, cumulativeUnits: 4 },
          { start: '2026-11-08T23:00:00.000Z', adoptions: 10, cumulativeUnits: 5 },
          { start: '2026-11-15T23:00:00.000Z', adoptions: 9, cumulativeUnits: 7 },
        ],
      },
      {
        amplificationId: 'amp-2',
        storyId: 'story-walking-1on1',
        headline: 'Walking one-to-ones: "we talk more when we move"',
        storyTitle: 'Walking one-to-ones, outdoors',
        amplifiedAt: '2026-11-17T09:00:00.000Z',
        unitsReached: 3,
        newUnitsThisWeek: 3,
        adoptions: 6,
        adoptionsThisWeek: 6,
        lift: 1.2,
        liftOverControl: null,
        series: [
          { start: '2026-11-16T23:00:00.000Z', adoptions: 1, cumulativeUnits: 1 },
          { start: '2026-11-17T23:00:00.000Z', adoptions: 2, cumulativeUnits: 2 },
          { start: '2026-11-18T23:00:00.000Z', adoptions: 0, cumulativeUnits: 2 },
          { start: '2026-11-19T23:00:00.000Z', adoptions: 3, cumulativeUnits: 3 },
        ],
      },
    ],
    hotSpots: [
      {
        storyId: 'story-budget-open',
        title: 'Open budget reviews with the whole team',
        unit: 'Logistics',
        score: 4.5,
        flaggedAt: '2026-11-19T14:12:00.000Z',
        reasons: [
          'Adopted in 3 business units this week, none of them the author’s',
          '12 members engaged today against 3 yesterday',
        ],
      },
    ],
    practices: [
      {
        practiceId: 'practice-self-managed',
        label: 'Self-managed teams',
        storyCount: 4,
        unitCount: 5,
        unitCountLastWeek: 3,
        units: ['Maintenance', 'Customer Service', 'Logistics', 'Finance', 'Other units'],
      },
      {
        practiceId: 'practice-feedback',
        label: 'Peer feedback, every Friday',
        storyCount: 2,
        unitCount: 3,
        unitCountLastWeek: 1,
        units: ['Sales', 'Research', 'Logistics'],
      },
    ],
    adoptionByUnit: [
      { unit: 'Maintenance', activeMembers: 34, stories: 5, engagements: 120, adoptions: 12 },
      { unit: 'Customer Service', activeMembers: 28, stories: 4, engagements: 96, adoptions: 9 },
      { unit: 'Logistics', activeMembers: 22, stories: 3, engagements: 71, adoptions: 8 },
      { unit: 'Finance', activeMembers: 12, stories: 2, engagements: 30, adoptions: 4 },
      { unit: 'Other units', activeMembers: 7, stories: 1, engagements: 12, adoptions: 4 },
    ],
    droppedAdoptions: [{ storyTitle: 'Stand-ups, but "walking", outside', unit: 'Finance', count: 2 }],
    unitsReachedPerWeek: [
      { week: '2026-W40', units: 3 },
      { week: '2026-W41', units: 4 },
      { week: '2026-W42', units: 4 },
      { week: '2026-W43', units: 6 },
      { week: '2026-W44', units: 5 },
      { week: '2026-W45', units: 7 },
      { week: '2026-W46', units: 8 },
      { week: '2026-W47', units: 9 },
    ],
  };
}
