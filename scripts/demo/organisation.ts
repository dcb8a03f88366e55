/**
 * A realistic demo organisation as `POST /v1/admin/import` records: 12 business units, 400 members, six months
 * of practice stories with engagement, comments and adoptions, and planted signals the scoring should find
 * (three practices spreading across units, one amplified) or should not be fooled by (a story popular in one
 * unit only, an author posting near-copies). Deterministic for a seed: same records, same externalIds, so a
 * re-import duplicates nothing.
 */
import type { ImportRecord } from '@kf/db';
import {
  FIRST_NAMES,
  LAST_NAMES,
  ROLE_HOLDERS,
  UNIT_PROFILES,
  type DemoUnitProfile,
  type UnitSlot,
} from './directory.js';
import { Random, WeightedChoice } from './random.js';
import {
  ADOPTION_NOTES,
  AMPLIFICATION_TEXT,
  COMMENTS,
  GENERIC_TITLES,
  NEAR_COPY_DECOY,
  OPENINGS,
  PLANTED_PRACTICES,
  REFLECTIONS,
  SINGLE_UNIT_DECOY,
  THEMES,
  type PlantedPractice,
  type PracticeTheme,
} from './story-library.js';

export interface DemoMember {
  sub: string;
  name: string;
  unit: string;
  roles: string[];
}

export interface DemoUnit {
  slug: string;
  name: string;
  division: string;
}

/** Story externalIds (and the near-copy author's `sub`) that tests and the demo script look for. */
export interface PlantedSignals {
  /** Per practice: the origin story first, then its retellings in other units. */
  spreadingPractices: string[][];
  amplifiedStory: string;
  singleUnitDecoy: string;
  nearCopyAuthor: string;
  nearCopies: string[];
}

export interface DemoOrganisation {
  units: DemoUnit[];
  members: DemoMember[];
  /** Sorted by `occurredAt`; a story always comes before the records about it. */
  records: ImportRecord[];
  planted: PlantedSignals;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const HISTORY_DAYS = 182;
const STORY_COUNT = 1_500;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
/** Relative activity by UTC day (Sunday first): busy midweek, Friday tailing off, quiet weekends. */
const DAY_ACTIVITY = [0.08, 1, 1.1, 1.05, 1, 0.75, 0.12];
/** Relative activity by UTC hour: a morning peak, a lunch dip, an after-lunch peak, little at night. */
const HOUR_ACTIVITY = [
  0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.15, 0.5, 1, 1.4, 1.2, 0.9, 0.5, 1, 1.2, 0.9, 0.8, 0.5, 0.3, 0.2, 0.15,
  0.1, 0.05, 0.02,
];
const HOURS = [...HOUR_ACTIVITY.keys()];

/** How a story's audience behaves: who reads it, when, and how far they go beyond reading. */
interface AudienceSpec {
  viewers: number;
  /** Chance that a viewer comes from the author's unit (else from anywhere, by activity). */
  ownUnitShare: number;
  viewTime: () => number;
  reactionRate: number;
  shareRate: number;
  commentRate: number;
  adoptionRate: number;
}

type AdoptionStatus = 'trying' | 'adopted' | 'dropped';

interface StoryDraft {
  at: number;
  author: DemoMember;
  title: string;
  body: string;
  tags: string[];
  /** Unit-specific words of the author's unit, reused in comments about the story. */
  profile: DemoUnitProfile;
  externalId: string;
}

export function generateDemoOrganisation({ seed = 42, now }: { seed?: number; now: Date }): DemoOrganisation {
  const random = new Random(seed);
  const nowMs = now.getTime();
  const historyStart = nowMs - HISTORY_DAYS * DAY_MS;
  const profileOf = new Map(UNIT_PROFILES.map((profile) => [profile.slug, profile]));
  const profile = (slug: string) => profileOf.get(slug) ?? fail(`unknown unit ${slug}`);

  // People: activity and authorship are heavy-tailed, as on any intranet (a few prolific writers, many readers).
  const members = createMembers(random);
  const activity = new Map(members.map((member) => [member.sub, Math.exp(0.8 * random.normal())]));
  const authorship = new Map(
    members.map((member) => [member.sub, random.chance(0.35) ? Math.exp(random.normal()) : 0.03]),
  );
  const unitMembers = (slug: string) => members.filter((member) => member.unit === slug);
  const readersIn = new Map(
    UNIT_PROFILES.map((unit) => [
      unit.slug,
      new WeightedChoice(unitMembers(unit.slug), (m) => activity.get(m.sub)!),
    ]),
  );
  const authorsIn = new Map(
    UNIT_PROFILES.map((unit) => [
      unit.slug,
      new WeightedChoice(unitMembers(unit.slug), (m) => authorship.get(m.sub)!),
    ]),
  );
  const anyReader = new WeightedChoice(members, (member) => activity.get(member.sub)!);
  const anyUnit = new WeightedChoice(UNIT_PROFILES, (unit) => unit.members);
  const authorIn = (slug: string) => (authorsIn.get(slug) ?? fail(`unknown unit ${slug}`)).draw(random);
  const ceo = members.find((member) => member.roles.includes('executive')) ?? fail('no executive');
  const curator = members.find((member) => member.roles.includes('curator')) ?? fail('no curator');

  const timed: { at: number; record: ImportRecord }[] = [];
  /** Members already in a story's audience (and its author): each reads a story once, in one phase. */
  const engagedBy = new Map<StoryDraft, Set<string>>();
  const emit = (at: number, record: ImportRecord) => timed.push({ at, record });

  // --- Times -----------------------------------------------------------------------------------------------
  const hourChoice = new WeightedChoice(HOURS, (hour) => HOUR_ACTIVITY[hour]!);
  const busyDayOnOrAfter = (ms: number) => {
    let day = Math.floor(ms / DAY_MS) * DAY_MS;
    while (!random.chance(DAY_ACTIVITY[new Date(day).getUTCDay()]! / 1.1)) day += DAY_MS;
    return day;
  };
  const workingMoment = (day: number) =>
    day + hourChoice.draw(random) * HOUR_MS + random.int(0, 59) * MINUTE_MS;
  /** A moment after `fromMs` at least `delayMs` later in the company's working rhythm (weekends move to Monday). */
  const rhythmAfter = (fromMs: number, delayMs: number) => {
    const at = workingMoment(busyDayOnOrAfter(fromMs + delayMs));
    return at > fromMs ? at : Math.ceil(fromMs / MINUTE_MS) * MINUTE_MS + random.int(3, 90) * MINUTE_MS;
  };
  const daysAgo = (days: number) => workingMoment(Math.floor((nowMs - days * DAY_MS) / DAY_MS) * DAY_MS);

  // --- Stories -----------------------------------------------------------------------------------------------
  const drafts: StoryDraft[] = [];
  const addDraft = (draft: Omit<StoryDraft, 'externalId' | 'profile'>): StoryDraft => {
    const story = { ...draft, profile: profile(draft.author.unit), externalId: '' };
    drafts.push(story);
    return story;
  };
  /** One of each of a unit's words, for one story or comment. */
  const unitWords = ({ setting }: DemoUnitProfile) =>
    Object.fromEntries(Object.entries(setting).map(([slot, words]) => [slot, random.pick(words)])) as Record<
      UnitSlot,
      string
    >;
  const slotsFor = (unit: DemoUnitProfile, practice: string, at: number) => {
    const [colleague, colleague2] = random.sample(FIRST_NAMES, 2);
    const monthsBack = random.int(1, 4);
    const date = new Date(at);
    return {
      ...unitWords(unit),
      practice,
      size: String(random.int(6, 24)),
      weeks: String(random.int(3, 14)),
      pct: String(random.int(8, 45)),
      minutes: String(random.pick([10, 15, 20, 25, 30, 45])),
      count: String(random.int(2, 9)),
      month: MONTHS[(date.getUTCMonth() + 12 - monthsBack) % 12]!,
      weekday: random.pick(WEEKDAYS),
      colleague: colleague!,
      colleague2: colleague2!,
    };
  };

  const planted = plantSignals();
  const themeHome = new Map(THEMES.map((theme) => [theme, anyUnit.draw(random).slug]));
  const themeChoice = new WeightedChoice(THEMES, () => 0.5 + random.next());
  while (drafts.length < STORY_COUNT) {
    const theme = themeChoice.draw(random);
    // Practices are local: most stories of a theme come from the unit where it took root.
    const unit = random.chance(0.9) ? profile(themeHome.get(theme)!) : anyUnit.draw(random);
    const at = rhythmAfter(historyStart + random.next() ** 0.85 * (HISTORY_DAYS - 1) * DAY_MS, 0);
    if (at > nowMs - HOUR_MS) continue;
    addDraft({ at, author: authorIn(unit.slug), ...composeStory(theme, unit, at) });
  }

  drafts.sort((a, b) => a.at - b.at);
  drafts.forEach((draft, index) => {
    draft.externalId = `demo-story-${String(index + 1).padStart(4, '0')}`;
    emit(draft.at, {
      type: 'story',
      externalId: draft.externalId,
      occurredAt: iso(draft.at),
      member: draft.author,
      title: draft.title,
      body: draft.body,
      tags: draft.tags,
    });
  });

  // --- Engagement ----------------------------------------------------------------------------------------------
  for (const draft of drafts) {
    if (planted.audiences.has(draft)) continue;
    // Lognormal reach: most stories get a handful of readers, a few get hundreds.
    const viewers = Math.min(330, Math.round(Math.exp(2.9 + 1.1 * random.normal())) + 1);
    const appeal = Math.exp(0.4 * random.normal());
    engage(draft, {
      viewers,
      ownUnitShare: 0.7,
      viewTime: () =>
        rhythmAfter(
          draft.at,
          random.chance(0.85) ? random.exponential(1.5 * DAY_MS) : random.exponential(14 * DAY_MS),
        ),
      reactionRate: 0.17 * appeal,
      shareRate: 0.04 * appeal,
      commentRate: 0.02 * appeal,
      adoptionRate: 0.008 * appeal,
    });
  }
  for (const [draft, specs] of planted.audiences) for (const spec of specs) engage(draft, spec);
  planted.afterwards();

  timed.sort((a, b) => a.at - b.at);
  return {
    units: UNIT_PROFILES.map(({ slug, name, division }) => ({ slug, name, division })),
    members,
    records: timed.map((entry) => entry.record),
    planted: planted.signals(),
  };

  // --- Helpers over this run's state (hoisted function declarations) ---------------------------------------------

  function composeStory(theme: PracticeTheme, unit: DemoUnitProfile, at: number) {
    const slots = slotsFor(unit, theme.name, at);
    const say = (template: string) => fill(template, slots);
    const opening = say(random.pick(OPENINGS));
    // The first description says what the practice is; the others build on it.
    const how = [theme.how[0]!, ...inOrder(theme.how.slice(1), random.int(1, 2))].map(say).join(' ');
    const snag = say(random.pick(theme.snags));
    const outcomes = random.sample(theme.outcomes, 2).map(say);
    const outcome = random.chance(0.4) ? outcomes.join(' ') : outcomes[0]!;
    const reflection = say(random.pick(REFLECTIONS));
    // Half the stories open with a situation and half end with a reflection: these generic parts are shared
    // across themes, and too much of them would make stories of different practices look alike.
    const layouts = [
      [`${opening} ${how}`, snag, outcome, reflection],
      [outcome, `${how} ${snag}`, reflection],
      [opening, `What we did: ${how}`, `What went wrong: ${snag}`, `What changed: ${outcome}`],
      [how, snag, outcomes.join(' ')],
    ];
    return {
      title: say(random.pick(random.chance(0.65) ? theme.titles : GENERIC_TITLES)),
      body: random.pick(layouts).join('\n\n'),
      tags: random.sample(theme.tags, random.int(1, 3)),
    };
  }

  function engage(story: StoryDraft, spec: AudienceSpec): void {
    const engaged = engagedBy.get(story) ?? new Set([story.author.sub]);
    engagedBy.set(story, engaged);
    const readers: DemoMember[] = [];
    const ownUnit = readersIn.get(story.author.unit)!;
    for (let attempt = 0; readers.length < spec.viewers && attempt < spec.viewers * 20; attempt++) {
      const member = random.chance(spec.ownUnitShare) ? ownUnit.draw(random) : anyReader.draw(random);
      if (engaged.has(member.sub)) continue;
      engaged.add(member.sub);
      readers.push(member);
    }
    for (const member of readers) {
      const viewedAt = spec.viewTime();
      if (viewedAt > nowMs) continue;
      const about = { member, story: story.externalId };
      const id = (kind: string) => `${story.externalId}-${kind}-${member.sub.replace('demo-member-', '')}`;
      const later = (maxMinutes: number) => viewedAt + random.int(1, maxMinutes) * MINUTE_MS;
      emit(viewedAt, {
        type: 'engagement',
        externalId: id('view'),
        occurredAt: iso(viewedAt),
        ...about,
        kind: 'view',
      });
      for (const [kind, rate] of [
        ['reaction', spec.reactionRate],
        ['share', spec.shareRate],
      ] as const) {
        const at = later(30);
        if (random.chance(rate) && at <= nowMs) {
          emit(at, { type: 'engagement', externalId: id(kind), occurredAt: iso(at), ...about, kind });
        }
      }
      const commentedAt = later(180);
      if (random.chance(spec.commentRate) && commentedAt <= nowMs) {
        const body = fill(random.pick(COMMENTS), commentSlots(member, story));
        emit(commentedAt, {
          type: 'comment',
          externalId: id('comment'),
          occurredAt: iso(commentedAt),
          ...about,
          body,
        });
      }
      const adoptedAt = rhythmAfter(viewedAt, random.exponential(1.5 * DAY_MS));
      if (random.chance(spec.adoptionRate) && adoptedAt <= nowMs) {
        const { status, note } = adoption(member, story, adoptedAt);
        emit(adoptedAt, {
          type: 'adoption',
          externalId: id('adoption'),
          occurredAt: iso(adoptedAt),
          ...about,
          status,
          ...(note === undefined ? {} : { note }),
        });
      }
    }
  }

  /** `count` of the fragments, keeping the library's order (a description reads best in its own order). */
  function inOrder(fragments: readonly string[], count: number): string[] {
    const picked = new Set(random.sample(fragments, count));
    return fragments.filter((fragment) => picked.has(fragment));
  }

  function adoption(
    member: DemoMember,
    story: StoryDraft,
    at: number,
  ): { status: AdoptionStatus; note?: string } {
    // An adoption is followed through over weeks: older ones are more often settled one way or the other.
    const ageDays = (nowMs - at) / DAY_MS;
    const roll = random.next();
    const status =
      ageDays > 21 && roll < 0.4 ? 'adopted' : ageDays > 10 && roll > 0.92 ? 'dropped' : 'trying';
    const note = random.chance(0.45)
      ? fill(random.pick(ADOPTION_NOTES), commentSlots(member, story))
      : undefined;
    return { status, note };
  }

  function commentSlots(member: DemoMember, story: StoryDraft) {
    const own = unitWords(profile(member.unit));
    return {
      ...unitWords(story.profile),
      myPlace: own.place,
      myTeam: own.team,
      myPeople: own.people,
      authorFirst: firstName(story.author),
      count: String(random.int(2, 6)),
      weekday: random.pick(WEEKDAYS),
    };
  }

  /**
   * The planted signals: their stories go into `drafts` now (so they are numbered with the rest) and their
   * audiences are generated after the background, with timing of their own.
   */
  function plantSignals() {
    const audiences = new Map<StoryDraft, AudienceSpec[]>();
    const uniformlyBetween = (from: number, to: number) => () =>
      rhythmAfter(from + random.next() * (to - from), 0);
    /** Later moments more likely: interest building up towards `to`. */
    const risingBetween = (from: number, to: number) => () =>
      rhythmAfter(from + Math.sqrt(random.next()) * (to - from), 0);
    const decayingFrom = (from: number, meanDays: number) => () =>
      rhythmAfter(from, random.exponential(meanDays * DAY_MS));
    const spreadAudience = (viewers: number, viewTime: () => number, adoptionRate: number): AudienceSpec => ({
      viewers,
      ownUnitShare: 0.3,
      viewTime,
      reactionRate: 0.25,
      shareRate: 0.08,
      commentRate: 0.04,
      adoptionRate,
    });

    const schedules = [
      { origin: 38, retellings: [31, 25, 20, 13, 8, 4] },
      { origin: 34, retellings: [26, 18, 12, 5] },
      { origin: 30, retellings: [27, 22, 16, 10, 7, 2] },
    ];
    const amplifiedAt = daysAgo(10);
    const practices = PLANTED_PRACTICES.map((practice, index) => {
      const schedule = schedules[index]!;
      const originAt = daysAgo(schedule.origin);
      const originAuthor = authorIn(practice.originUnit);
      const origin = addDraft({
        at: originAt,
        author: originAuthor,
        title: practice.originTitle,
        body: fill(practice.originBody, slotsFor(profile(practice.originUnit), practice.name, originAt)),
        tags: [...practice.tags],
      });
      // The first planted practice is retold once more at home before it leaves the plant.
      const retellingUnits =
        index === 0 ? [practice.originUnit, ...practice.spreadUnits] : practice.spreadUnits;
      const retellings = retellingUnits.map((unit, order) =>
        retell(practice, profile(unit), originAuthor, daysAgo(schedule.retellings[order]!), order),
      );
      for (const retelling of retellings) {
        audiences.set(retelling, [spreadAudience(random.int(40, 90), decayingFrom(retelling.at, 2), 0.06)]);
      }
      const isAmplified = index === 0;
      // The CEO reads it on the day of the amplification, separately (see `afterwards`).
      if (isAmplified) engagedBy.set(origin, new Set([originAuthor.sub, ceo.sub]));
      audiences.set(
        origin,
        isAmplified
          ? [
              spreadAudience(110, risingBetween(originAt, amplifiedAt), 0.04),
              spreadAudience(170, uniformlyBetween(amplifiedAt, nowMs), 0.14),
            ]
          : [spreadAudience(random.int(140, 180), risingBetween(originAt, nowMs), 0.07)],
      );
      return { origin, retellings };
    });

    const decoy = addDraft({
      at: daysAgo(12),
      author: authorIn(SINGLE_UNIT_DECOY.unit),
      title: SINGLE_UNIT_DECOY.title,
      body: fill(SINGLE_UNIT_DECOY.body, { month: MONTHS[(new Date(nowMs).getUTCMonth() + 10) % 12]! }),
      tags: [...SINGLE_UNIT_DECOY.tags],
    });
    audiences.set(decoy, [
      {
        viewers: profile(SINGLE_UNIT_DECOY.unit).members - 4,
        ownUnitShare: 1,
        viewTime: decayingFrom(decoy.at, 1.5),
        reactionRate: 0.65,
        shareRate: 0.12,
        commentRate: 0.14,
        adoptionRate: 0,
      },
    ]);

    const nearCopyAuthor = authorIn(NEAR_COPY_DECOY.unit);
    const nearCopies = NEAR_COPY_DECOY.titles.map((title, index) => {
      const at = daysAgo(40 - index * 3);
      const body = fill(NEAR_COPY_DECOY.body, {
        count: String(15 + index * 5),
        closing: NEAR_COPY_DECOY.closings[index]!,
      });
      return addDraft({ at, author: nearCopyAuthor, title, body, tags: [...NEAR_COPY_DECOY.tags] });
    });
    for (const copy of nearCopies) {
      audiences.set(copy, [
        {
          viewers: random.int(8, 20),
          ownUnitShare: 0.8,
          viewTime: decayingFrom(copy.at, 1.5),
          reactionRate: 0.15,
          shareRate: 0.02,
          commentRate: 0.02,
          adoptionRate: 0,
        },
      ]);
    }

    const amplified = practices[0]!.origin;
    return {
      audiences,
      /** The curator's amplification and the CEO's comment, once the story ids are known. */
      afterwards() {
        const amplificationId = 'demo-amplification-0001';
        emit(amplifiedAt, {
          type: 'amplification',
          externalId: amplificationId,
          occurredAt: iso(amplifiedAt),
          member: curator,
          story: amplified.externalId,
          headline: AMPLIFICATION_TEXT.headline,
          summary: AMPLIFICATION_TEXT.summary,
          expiresAt: iso(amplifiedAt + 30 * DAY_MS),
        });
        const viewedAt = amplifiedAt + random.int(90, 240) * MINUTE_MS;
        const commentedAt = viewedAt + random.int(5, 20) * MINUTE_MS;
        const about = { member: ceo, story: amplified.externalId };
        emit(viewedAt, {
          type: 'engagement',
          externalId: `${amplified.externalId}-view-ceo`,
          occurredAt: iso(viewedAt),
          ...about,
          kind: 'view',
        });
        emit(commentedAt, {
          type: 'comment',
          externalId: `${amplified.externalId}-comment-ceo`,
          occurredAt: iso(commentedAt),
          ...about,
          body: fill(AMPLIFICATION_TEXT.executiveComment, { authorFirst: firstName(amplified.author) }),
        });
      },
      signals: (): PlantedSignals => ({
        spreadingPractices: practices.map(({ origin, retellings }) =>
          [origin, ...retellings].map((s) => s.externalId),
        ),
        amplifiedStory: amplified.externalId,
        singleUnitDecoy: decoy.externalId,
        nearCopyAuthor: nearCopyAuthor.sub,
        nearCopies: nearCopies.map((copy) => copy.externalId),
      }),
    };
  }

  function retell(
    practice: PlantedPractice,
    unit: DemoUnitProfile,
    originAuthor: DemoMember,
    at: number,
    order: number,
  ) {
    const slots = { ...slotsFor(unit, practice.name, at), originAuthor: originAuthor.name };
    const say = (template: string) => fill(template, slots);
    // Most of the shared core: a retelling, not a copy.
    const core = inOrder(practice.core, practice.core.length - random.int(1, 2));
    const paragraphs = [
      say(random.pick(practice.retellingOpenings)),
      core.map(say).join(' '),
      say(random.pick(practice.retellingOutcomes)),
    ];
    return addDraft({
      at,
      author: authorIn(unit.slug),
      title: practice.retellingTitles[order % practice.retellingTitles.length]!,
      body: paragraphs.join('\n\n'),
      tags: random.sample(practice.tags, random.int(1, practice.tags.length)),
    });
  }
}

/** 400 members with distinct names; the role holders are the first members drawn in their units. */
function createMembers(random: Random): DemoMember[] {
  const names = new Set<string>();
  const members: DemoMember[] = [];
  for (const unit of UNIT_PROFILES) {
    for (let i = 0; i < unit.members; i++) {
      let name: string;
      do name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
      while (names.has(name));
      names.add(name);
      members.push({
        sub: `demo-member-${String(members.length + 1).padStart(4, '0')}`,
        name,
        unit: unit.slug,
        roles: [],
      });
    }
  }
  for (const holder of ROLE_HOLDERS) {
    const member = members.find(
      (candidate) => candidate.unit === holder.unit && candidate.roles.length === 0,
    );
    (member ?? fail(`no free member in ${holder.unit}`)).roles.push(...holder.roles);
  }
  return members;
}

/** Fills `{slot}`s; a slot without a value is a bug in the library, not something to print. */
function fill(template: string, slots: Readonly<Record<string, string>>): string {
  const text = template.replace(
    /\{(\w+)\}/g,
    (_, key: string) => slots[key] ?? fail(`no value for {${key}}`),
  );
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const firstName = (member: DemoMember) => member.name.split(' ')[0]!;
const iso = (ms: number) => new Date(ms).toISOString();

function fail(message: string): never {
  throw new Error(message);
}
