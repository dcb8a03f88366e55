import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMigrator } from '@kf/db';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness();
/** The migration before the one tested. */
const BEFORE = '2026-12-03T1600_drop_deleted_neighbours_from_pages';

/** Facts as a refresh stored them before the migration (the figures trimmed to those read here). */
const facts = (units: string[], heldBackByAuthorShare = false) => ({
  members: units.length * 2,
  units,
  heldBackByAuthorShare,
});

describe('migration 2026-12-04T1000_keep_units_apart_from_facts', () => {
  it('moves every story’s units to their own column, keeps the facts of stories hot enough to flag, and back', async () => {
    const author = makeMember({ unit: 'it' });
    const titles = ['flagged', 'held back', 'quiet', 'never engaged'] as const;
    for (const title of titles)
      await t.as(author).post('/v1/stories', { title, body: `${title}: we tried.` });
    const rows = await t.db.selectFrom('stories').select(['id', 'title']).execute();
    const id = Object.fromEntries(rows.map((row) => [row.title, row.id])) as Record<
      (typeof titles)[number],
      string
    >;
    const before = {
      flagged: { flagged: true, facts: facts(['sales', 'hr']) },
      'held back': { flagged: false, facts: facts(['legal'], true) },
      quiet: { flagged: false, facts: facts(['finance']) },
      'never engaged': { flagged: false, facts: {} },
    };
    // The migrations' own view of the database: snake_case names, no plugins.
    const db = t.db.withoutPlugins() as unknown as Kysely<any>;
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    for (const title of titles)
      await sql`insert into story_scores (story_id, engagement, spread, hot, flagged, facts, scored_at)
                values (${id[title]}, 1, 1, 1, ${before[title].flagged},
                        ${JSON.stringify(before[title].facts)}::jsonb, now())`.execute(db);
    const stored = async () => {
      const { rows } = await sql<{ title: string; units?: string[]; facts: object }>`
        select * from story_scores join stories on stories.id = story_scores.story_id`.execute(db);
      return Object.fromEntries(rows.map((row) => [row.title, { units: row.units, facts: row.facts }]));
    };

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await stored()).toEqual({
      flagged: { units: ['sales', 'hr'], facts: before.flagged.facts },
      'held back': { units: ['legal'], facts: before['held back'].facts },
      quiet: { units: ['finance'], facts: {} },
      'never engaged': { units: [], facts: {} },
    });

    // Down: the units go back into the facts, where the code before reads them.
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    expect(await stored()).toEqual({
      flagged: { units: undefined, facts: before.flagged.facts },
      'held back': { units: undefined, facts: before['held back'].facts },
      quiet: { units: undefined, facts: { units: ['finance'] } },
      'never engaged': { units: undefined, facts: { units: [] } },
    });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
