import { sql } from 'kysely';
import type { Database } from '../client.js';

export interface Period {
  start: Date;
  end: Date;
}

/** Everyone active in a period: authors, engagers, commenters, adopters, with the unit they acted from. */
function activity(db: Database, { start, end }: Period) {
  return db
    .selectFrom('stories')
    .select(['stories.authorId as memberId', 'stories.unitSlug'])
    .where('stories.createdAt', '>=', start)
    .where('stories.createdAt', '<', end)
    .union(
      db
        .selectFrom('engagements')
        .select(['engagements.memberId', 'engagements.unitSlug'])
        .where('engagements.createdAt', '>=', start)
        .where('engagements.createdAt', '<', end),
    )
    .union(
      db
        .selectFrom('comments')
        .select(['comments.memberId', 'comments.unitSlug'])
        .where('comments.createdAt', '>=', start)
        .where('comments.createdAt', '<', end),
    )
    .union(
      db
        .selectFrom('adoptions')
        .select(['adoptions.memberId', 'adoptions.unitSlug'])
        .where('adoptions.createdAt', '>=', start)
        .where('adoptions.createdAt', '<', end),
    );
}

/**
 * Distinct active members in the period, overall and per unit slug: one pass over the week's events (a
 * grouping set adds the overall row), shared by the glance, the unit table and the privacy floor.
 */
async function activeMembers(db: Database, period: Period) {
  const rows = await db
    .selectFrom(activity(db, period).as('activity'))
    // The overall row of the grouping set has no unit.
    .select([
      sql<string | null>`unit_slug`.as('unitSlug'),
      sql<number>`count(distinct member_id)::int`.as('n'),
    ])
    .groupBy(sql`grouping sets ((unit_slug), ())`)
    .execute();
  const byUnit = new Map<string, number>();
  let members = 0;
  for (const row of rows) {
    if (row.unitSlug === null) members = row.n;
    else byUnit.set(row.unitSlug, row.n);
  }
  return { members, byUnit };
}

/**
 * The week at a glance: stories posted, active members, units engaged, adoptions (not by authors); with the
 * active members per unit slug for `unitActivity`.
 */
export async function glanceFigures(db: Database, period: Period) {
  const [stories, active, adoptions] = await Promise.all([
    db
      .selectFrom('stories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('createdAt', '>=', period.start)
      .where('createdAt', '<', period.end)
      .executeTakeFirstOrThrow(),
    activeMembers(db, period),
    db
      .selectFrom('adoptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('createdAt', '>=', period.start)
      .where('createdAt', '<', period.end)
      .where('byAuthor', '=', false)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    stories: stories.n,
    activeMembers: active.members,
    unitsEngaged: active.byUnit.size,
    adoptions: adoptions.n,
    activeByUnit: active.byUnit,
  };
}

/**
 * Per business unit active in the period: active members (from `glanceFigures`), stories posted, engagements
 * and adoptions (not by authors), by unit name.
 */
export function unitActivity(
  db: Database,
  { start, end }: Period,
  activeByUnit: ReadonlyMap<string, number>,
) {
  /** A table's events of the period by members other than the story's author, per unit. */
  const byOthersPerUnit = (table: 'engagements' | 'adoptions') =>
    db
      .selectFrom(table)
      .select(['unitSlug', (eb) => eb.fn.countAll<number>().as('n')])
      .where('createdAt', '>=', start)
      .where('createdAt', '<', end)
      .where('byAuthor', '=', false)
      .groupBy('unitSlug');
  return db
    .with('active', (db) =>
      db
        .selectFrom(
          sql<{ unitSlug: string; n: number }>`unnest(${[...activeByUnit.keys()]}::text[], ${[
            ...activeByUnit.values(),
          ]}::int[])`.as(sql`active(unit_slug, n)`),
        )
        .select(['unitSlug', 'n']),
    )
    .with('posted', () =>
      db
        .selectFrom('stories')
        .select(['unitSlug', (eb) => eb.fn.countAll<number>().as('n')])
        .where('createdAt', '>=', start)
        .where('createdAt', '<', end)
        .groupBy('unitSlug'),
    )
    .with('engaged', () => byOthersPerUnit('engagements'))
    .with('adopted', () => byOthersPerUnit('adoptions'))
    .selectFrom('active')
    .innerJoin('businessUnits', 'businessUnits.slug', 'active.unitSlug')
    .leftJoin('posted', 'posted.unitSlug', 'active.unitSlug')
    .leftJoin('engaged', 'engaged.unitSlug', 'active.unitSlug')
    .leftJoin('adopted', 'adopted.unitSlug', 'active.unitSlug')
    .select([
      'businessUnits.name as unit',
      'active.n as activeMembers',
      sql<number>`coalesce(posted.n, 0)::int`.as('stories'),
      sql<number>`coalesce(engaged.n, 0)::int`.as('engagements'),
      sql<number>`coalesce(adopted.n, 0)::int`.as('adoptions'),
    ])
    .orderBy('adoptions', 'desc')
    .orderBy('businessUnits.name')
    .execute();
}

/** Adoptions dropped in the period, per story and unit. */
export function droppedAdoptions(db: Database, period: Period) {
  return db
    .selectFrom('adoptions')
    .innerJoin('stories', 'stories.id', 'adoptions.storyId')
    .innerJoin('businessUnits', 'businessUnits.slug', 'adoptions.unitSlug')
    .select([
      'stories.title as storyTitle',
      'businessUnits.name as unit',
      (eb) => eb.fn.countAll<number>().as('count'),
    ])
    .where('adoptions.status', '=', 'dropped')
    .where('adoptions.updatedAt', '>=', period.start)
    .where('adoptions.updatedAt', '<', period.end)
    .groupBy(['stories.title', 'businessUnits.name'])
    .orderBy('count', 'desc')
    .orderBy('stories.title')
    .execute();
}

/** Distinct units adopting anything in a period (the units-reached chart). */
export async function adoptingUnitCount(db: Database, period: Period) {
  const row = await db
    .selectFrom('adoptions')
    .select(sql<number>`count(distinct unit_slug)::int`.as('n'))
    .where('createdAt', '>=', period.start)
    .where('createdAt', '<', period.end)
    .where('byAuthor', '=', false)
    .where('status', '!=', 'dropped')
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Amplifications live at some point of the period. */
export function amplificationsDuring(db: Database, period: Period) {
  return db
    .selectFrom('amplifications')
    .innerJoin('stories', 'stories.id', 'amplifications.storyId')
    .select([
      'amplifications.id',
      'amplifications.storyId',
      'amplifications.headline',
      'amplifications.amplifiedAt',
      'stories.title as storyTitle',
      'stories.practiceId',
    ])
    .where('amplifications.amplifiedAt', '<', period.end)
    .where('amplifications.expiresAt', '>', period.start)
    .where((eb) =>
      eb.or([
        eb('amplifications.withdrawnAt', 'is', null),
        eb('amplifications.withdrawnAt', '>', period.start),
      ]),
    )
    .orderBy('amplifications.amplifiedAt', 'desc')
    .execute();
}

/** Stories first flagged as hot spots in the period, hottest first. */
export function newHotSpots(db: Database, period: Period) {
  return db
    .selectFrom('storyScores')
    .innerJoin('stories', 'stories.id', 'storyScores.storyId')
    .innerJoin('businessUnits', 'businessUnits.slug', 'stories.unitSlug')
    .select([
      'stories.id as storyId',
      'stories.title',
      'businessUnits.name as unit',
      'storyScores.hot as score',
      'storyScores.flaggedSince',
      'storyScores.reasons',
    ])
    .where('storyScores.flagged', '=', true)
    .where('storyScores.flaggedSince', '>=', period.start)
    .where('storyScores.flaggedSince', '<', period.end)
    .where('stories.deletedAt', 'is', null)
    .orderBy('storyScores.hot', 'desc')
    .limit(20)
    .execute();
}

/** Practices whose stories reach more units by the end of the period than by its start (emerging). */
export function emergingPractices(db: Database, period: Period) {
  const unitsBy = (at: Date) =>
    sql<
      string[]
    >`array_agg(distinct business_units.name order by business_units.name) filter (where stories.created_at < ${at})`;
  return db
    .selectFrom('practices')
    .innerJoin('stories', 'stories.practiceId', 'practices.id')
    .innerJoin('businessUnits', 'businessUnits.slug', 'stories.unitSlug')
    .select([
      'practices.id as practiceId',
      'practices.label',
      sql<number>`count(*) filter (where stories.created_at < ${period.end})::int`.as('storyCount'),
      sql<number>`count(distinct stories.unit_slug) filter (where stories.created_at < ${period.end})::int`.as(
        'unitCount',
      ),
      sql<number>`count(distinct stories.unit_slug) filter (where stories.created_at < ${period.start})::int`.as(
        'unitCountLastWeek',
      ),
      unitsBy(period.end).as('units'),
    ])
    .where('stories.deletedAt', 'is', null)
    .groupBy(['practices.id', 'practices.label'])
    .having(
      sql`count(distinct stories.unit_slug) filter (where stories.created_at < ${period.end})`,
      '>',
      sql`count(distinct stories.unit_slug) filter (where stories.created_at < ${period.start})`,
    )
    .orderBy('unitCount', 'desc')
    .execute();
}

export function findWeeklyReport(db: Database, isoWeek: string) {
  return db.selectFrom('weeklyReports').selectAll().where('isoWeek', '=', isoWeek).executeTakeFirst();
}

/** Stores a week's report unless one exists (two builders racing keep the first); returns the stored one. */
export async function insertWeeklyReportOnce(
  db: Database,
  report: {
    isoWeek: string;
    timeZone: string;
    periodStart: Date;
    periodEnd: Date;
    report: unknown;
    builtAt: Date;
  },
) {
  await db
    .insertInto('weeklyReports')
    .values({ ...report, report: JSON.stringify(report.report) })
    .onConflict((conflict) => conflict.column('isoWeek').doNothing())
    .execute();
  return (await findWeeklyReport(db, report.isoWeek))!;
}

/** An admin's explicit rebuild replaces the stored report, recorded with who and how many times. */
export async function replaceWeeklyReport(
  db: Database,
  isoWeek: string,
  report: unknown,
  builtAt: Date,
  by: string,
) {
  await db
    .updateTable('weeklyReports')
    .set((eb) => ({
      report: JSON.stringify(report),
      builtAt,
      rebuiltBy: by,
      rebuildCount: eb('rebuildCount', '+', 1),
    }))
    .where('isoWeek', '=', isoWeek)
    .execute();
}

export function listWeeklyReports(db: Database, limit: number) {
  return db
    .selectFrom('weeklyReports')
    .select(['isoWeek', 'timeZone', 'periodStart', 'periodEnd', 'builtAt', 'rebuildCount'])
    .orderBy('periodStart', 'desc')
    .limit(limit)
    .execute();
}

/** Adoptions (not dropped, not by authors) of some stories, before `end` and from `start` when given. */
export async function countAdoptions(db: Database, storyIds: string[], period: { start?: Date; end: Date }) {
  let query = db
    .selectFrom('adoptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('storyId', 'in', storyIds)
    .where('byAuthor', '=', false)
    .where('status', '!=', 'dropped')
    .where('createdAt', '<', period.end);
  if (period.start) query = query.where('createdAt', '>=', period.start);
  return (await query.executeTakeFirstOrThrow()).n;
}
