/**
 * How adoption of an amplified story (and of its practice) spreads across business units: the same number of
 * days before and after `amplifiedAt`, compared with similar stories that were never amplified over the same
 * windows (difference-in-differences), so that a general rise is not credited to the amplification.
 * Pure: no I/O, the clock is `now`.
 */

export interface AdoptionEvent {
  storyId: string;
  memberId: string;
  unit: string;
  at: Date;
  status: 'trying' | 'adopted' | 'dropped';
}

export interface SpreadInput {
  amplifiedAt: Date;
  now: Date;
  bucket: 'day' | 'week';
  /** The amplified story. */
  storyId: string;
  /** The other stories of its practice (may be empty). */
  practiceStoryIds: string[];
  /** Similar stories that were never amplified (may be empty). */
  controlStoryIds: string[];
  /** Adoptions of the story, its practice stories and the control stories, in any order. */
  adoptions: AdoptionEvent[];
  /** Executive comments on the story. */
  endorsements: Date[];
}

export interface SpreadWindow {
  days: number;
  adoptions: number;
  /** Distinct business units adopting in the window. */
  units: number;
  ratePerDay: number;
}

export interface SpreadUnit {
  unit: string;
  /** Over all time up to `now`, not only the windows. */
  firstAdoptionAt: string;
  adoptionsBefore: number;
  adoptionsAfter: number;
  /** The unit's first adoption is at or after `amplifiedAt`. */
  newAfterAmplification: boolean;
}

export interface SpreadBucket {
  start: string;
  adoptions: number;
  /** Distinct units seen up to the end of the bucket, adoptions before the series included. */
  cumulativeUnits: number;
}

export interface AmplificationSpread {
  windowDays: number;
  before: SpreadWindow;
  after: SpreadWindow;
  lift: number;
  practice: { stories: number; before: SpreadWindow; after: SpreadWindow; lift: number };
  control: { stories: string[]; before: SpreadWindow; after: SpreadWindow; lift: number };
  liftOverControl: number | null;
  dropped: { before: number; after: number };
  endorsements: { before: number; after: number };
  units: SpreadUnit[];
  series: SpreadBucket[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

/** Longest window compared: beyond a quarter, other changes in the organisation swamp the headline's effect. */
export const MAX_SPREAD_WINDOW_DAYS = 90;

type Period = 'before' | 'after' | 'outside';

/** Rounded to 4 decimals so that JSON carries no float noise (0.7000000000000001). */
function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Start of the UTC day, or of the ISO week (Monday 00:00 UTC), that contains `ms`. */
function bucketStart(ms: number, bucket: 'day' | 'week'): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  if (bucket === 'day') return day;
  // getUTCDay: Sunday = 0; days since Monday = (weekday + 6) % 7.
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return day - sinceMonday * DAY_MS;
}

function windowOf(events: readonly AdoptionEvent[], days: number, storyCount = 1): SpreadWindow {
  const units = new Set(events.map((event) => event.unit)).size;
  return {
    days,
    // Per story when several are pooled (the control), so that the number of stories does not inflate it.
    adoptions: round4(events.length / storyCount),
    units,
    // Adoptions per day (per story): comparable between windows and between groups of different sizes.
    ratePerDay: round4(events.length / days / storyCount),
  };
}

/** Raw (unrounded) rate difference, so that differences of differences are not built on rounded numbers. */
function rawLift(before: number, after: number, days: number, storyCount: number): number {
  return (after - before) / days / storyCount;
}

export function computeAmplificationSpread(input: SpreadInput): AmplificationSpread {
  const { amplifiedAt, now, bucket, storyId } = input;
  const amplifiedMs = amplifiedAt.getTime();
  const nowMs = now.getTime();

  // Whole days since amplification (at least 1, so rates never divide by zero), capped: see MAX_SPREAD_WINDOW_DAYS.
  const windowDays = Math.min(MAX_SPREAD_WINDOW_DAYS, Math.max(1, Math.ceil((nowMs - amplifiedMs) / DAY_MS)));
  // Equal windows either side of amplifiedAt. The after window may be partial (today is not over, or
  // amplification was less than a day ago), yet both windows use windowDays as their length so that the rates
  // compare like for like; this slightly understates the after rate until the day is over.
  const beforeStartMs = amplifiedMs - windowDays * DAY_MS;
  const afterEndMs = Math.min(nowMs, amplifiedMs + windowDays * DAY_MS);
  const periodOf = (ms: number): Period =>
    ms >= beforeStartMs && ms < amplifiedMs
      ? 'before'
      : ms >= amplifiedMs && ms < afterEndMs
        ? 'after'
        : 'outside';

  const practiceIds = new Set(input.practiceStoryIds.filter((id) => id !== storyId));
  // A story cannot be its own control, nor a control and a member of the practice measured.
  const controlIds = [...new Set(input.controlStoryIds)].filter(
    (id) => id !== storyId && !practiceIds.has(id),
  );
  const controlSet = new Set(controlIds);

  // Adoptions dated after `now` are ignored: a back-dated clock or import must not inflate the spread.
  const known = input.adoptions.filter((event) => event.at.getTime() <= nowMs);
  const dropped = { before: 0, after: 0 };
  for (const event of known) {
    if (event.storyId !== storyId || event.status !== 'dropped') continue;
    const period = periodOf(event.at.getTime());
    if (period !== 'outside') dropped[period] += 1;
  }
  // Dropped adoptions are shown apart (above) and count nowhere else: the practice did not take hold there.
  const live = known.filter((event) => event.status !== 'dropped');
  const inPeriod = (events: AdoptionEvent[], period: Period): AdoptionEvent[] =>
    events.filter((event) => periodOf(event.at.getTime()) === period);

  const story = live.filter((event) => event.storyId === storyId);
  const storyBefore = inPeriod(story, 'before');
  const storyAfter = inPeriod(story, 'after');
  const before = windowOf(storyBefore, windowDays);
  const after = windowOf(storyAfter, windowDays);
  // Adoptions per day gained after amplification.
  const storyLift = rawLift(storyBefore.length, storyAfter.length, windowDays, 1);

  const practiceEvents = live.filter((event) => event.storyId === storyId || practiceIds.has(event.storyId));
  const practiceBefore = inPeriod(practiceEvents, 'before');
  const practiceAfter = inPeriod(practiceEvents, 'after');
  const practice = {
    stories: 1 + practiceIds.size,
    // Totals over the practice: its spread as a whole, amplified story included.
    before: windowOf(practiceBefore, windowDays),
    after: windowOf(practiceAfter, windowDays),
    lift: round4(rawLift(practiceBefore.length, practiceAfter.length, windowDays, 1)),
  };

  const controlEvents = live.filter((event) => controlSet.has(event.storyId));
  const controlBefore = inPeriod(controlEvents, 'before');
  const controlAfter = inPeriod(controlEvents, 'after');
  const controlCount = Math.max(1, controlIds.length);
  // Per control story, so that it compares with the single amplified story.
  const controlLift = rawLift(controlBefore.length, controlAfter.length, windowDays, controlCount);
  const control = {
    stories: controlIds,
    before: windowOf(controlBefore, windowDays, controlCount),
    after: windowOf(controlAfter, windowDays, controlCount),
    lift: round4(controlLift),
  };
  // Difference-in-differences: the control's change over the same windows estimates what would have happened
  // anyway, so what remains of the story's lift is the effect of amplification. No control, no estimate.
  const liftOverControl = controlIds.length === 0 ? null : round4(storyLift - controlLift);

  const endorsements = { before: 0, after: 0 };
  for (const at of input.endorsements) {
    const ms = at.getTime();
    if (ms > nowMs) continue;
    const period = periodOf(ms);
    if (period !== 'outside') endorsements[period] += 1;
  }

  // Units of the story and its practice, first adoption over all time (a unit that adopted long before is
  // not new after amplification, even if it adopted again in the windows).
  const byUnit = new Map<string, { first: number; before: number; after: number }>();
  for (const event of practiceEvents) {
    const ms = event.at.getTime();
    const entry = byUnit.get(event.unit) ?? { first: ms, before: 0, after: 0 };
    entry.first = Math.min(entry.first, ms);
    const period = periodOf(ms);
    if (period !== 'outside') entry[period] += 1;
    byUnit.set(event.unit, entry);
  }
  const units: SpreadUnit[] = [...byUnit]
    .sort(([unitA, a], [unitB, b]) => a.first - b.first || unitA.localeCompare(unitB))
    .map(([unit, entry]) => ({
      unit,
      firstAdoptionAt: new Date(entry.first).toISOString(),
      adoptionsBefore: entry.before,
      adoptionsAfter: entry.after,
      newAfterAmplification: entry.first >= amplifiedMs,
    }));

  // Contiguous buckets from the one holding the before-window's start up to now, empty ones included, so a
  // chart's x-axis is regular. Weeks are ISO weeks (Monday 00:00 UTC), like the weekly report.
  const series: SpreadBucket[] = [];
  const sorted = [...practiceEvents].sort((a, b) => a.at.getTime() - b.at.getTime());
  const seen = new Set<string>();
  let next = 0;
  for (let start = bucketStart(beforeStartMs, bucket); start < nowMs;) {
    // Next bucket start by calendar step (UTC has no DST, so fixed milliseconds are exact).
    const end = start + (bucket === 'day' ? DAY_MS : WEEK_MS);
    let adoptions = 0;
    for (let event = sorted[next]; event !== undefined && event.at.getTime() < end; event = sorted[++next]) {
      seen.add(event.unit);
      // Adoptions before the series count towards cumulativeUnits only.
      if (event.at.getTime() >= start) adoptions += 1;
    }
    series.push({ start: new Date(start).toISOString(), adoptions, cumulativeUnits: seen.size });
    start = end;
  }

  return {
    windowDays,
    before,
    after,
    lift: round4(storyLift),
    practice,
    control,
    liftOverControl,
    dropped,
    endorsements,
    units,
    series,
  };
}
