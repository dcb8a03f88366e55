import { parseImportLine, type ImportRecord } from '@kf/db';
import { describe, expect, it } from 'vitest';
import { generateDemoOrganisation } from './organisation.js';

const now = new Date('2026-03-18T15:00:00Z');
const organisation = generateDemoOrganisation({ now });
const { records, planted, members, units } = organisation;

type StoryRecord = Extract<ImportRecord, { type: 'story' }>;
const stories = records.filter((record): record is StoryRecord => record.type === 'story');
const aboutStory = (externalId: string) =>
  records.filter((record) => record.type !== 'story' && record.story === externalId);
const storyById = new Map(stories.map((story) => [story.externalId, story]));
const DAY_MS = 86_400_000;

describe('generateDemoOrganisation', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateDemoOrganisation({ now })).toEqual(organisation);
    expect(generateDemoOrganisation({ seed: 7, now }).records.slice(0, 50)).not.toEqual(records.slice(0, 50));
  });

  it('produces records the import endpoint accepts, sorted, none after now, stories before what is about them', () => {
    const seenStories = new Set<string>();
    let previous = '';
    for (const record of records) {
      const parsed = parseImportLine(JSON.stringify(record));
      expect(parsed, JSON.stringify(record)).toHaveProperty('record');
      expect(Date.parse(record.occurredAt)).toBeLessThanOrEqual(now.getTime());
      expect(record.occurredAt >= previous).toBe(true);
      previous = record.occurredAt;
      if (record.type === 'story') seenStories.add(record.externalId);
      else expect(seenStories.has(record.story)).toBe(true);
    }
    expect(new Set(records.map((record) => record.externalId)).size).toBe(records.length);
  });

  it('spans six months with the expected volumes, views ≫ reactions > shares > comments > adoptions', () => {
    const count = (predicate: (record: ImportRecord) => boolean) => records.filter(predicate).length;
    const kind = (name: string) => count((record) => record.type === 'engagement' && record.kind === name);
    const comments = count((record) => record.type === 'comment');
    const adoptions = count((record) => record.type === 'adoption');
    expect(stories).toHaveLength(1_500);
    expect(records.length - stories.length).toBeGreaterThan(60_000);
    expect(records.length - stories.length).toBeLessThan(120_000);
    expect(kind('view')).toBeGreaterThan(4 * kind('reaction'));
    expect(kind('reaction')).toBeGreaterThan(kind('share'));
    expect(kind('share')).toBeGreaterThan(comments);
    expect(comments).toBeGreaterThan(adoptions);
    expect(now.getTime() - Date.parse(stories[0]!.occurredAt)).toBeGreaterThan(170 * DAY_MS);
  });

  it('has 12 units, 400 members who all take part, two units below the privacy floor, and the roles', () => {
    expect(units).toHaveLength(12);
    for (const unit of units) expect(unit.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(members.map((member) => member.name)).size).toBe(400);
    const sizes = units.map((unit) => members.filter((member) => member.unit === unit.slug).length);
    expect(sizes).toContain(4);
    expect(sizes).toContain(6);
    const withRole = (role: string) => members.filter((member) => member.roles.includes(role)).length;
    expect(withRole('curator')).toBeGreaterThanOrEqual(3);
    expect(withRole('curator')).toBeLessThanOrEqual(8);
    expect([withRole('hr'), withRole('admin'), withRole('executive')]).toEqual([3, 2, 4]);
    expect(new Set(records.map((record) => record.member.sub)).size).toBe(400);
  });

  it('writes distinct stories of 60–300 words with 1–3 tags and few repeated sentences', () => {
    expect(new Set(stories.map((story) => story.body)).size).toBe(stories.length);
    expect(new Set(stories.map((story) => story.title)).size).toBeGreaterThan(500);
    for (const story of stories) {
      const words = story.body.split(/\s+/).length;
      expect(words, story.externalId).toBeGreaterThanOrEqual(60);
      expect(words, story.externalId).toBeLessThanOrEqual(300);
      expect(story.tags?.length).toBeGreaterThanOrEqual(1);
      expect(story.tags?.length).toBeLessThanOrEqual(3);
    }
    // Planted retellings and near-copies repeat sentences on purpose; the rest must not read like one template.
    const plantedIds = new Set([...planted.spreadingPractices.flat(), ...planted.nearCopies]);
    const storiesBySentence = new Map<string, number>();
    for (const story of stories) {
      if (plantedIds.has(story.externalId)) continue;
      for (const sentence of new Set(story.body.split(/(?<=[.!?])\s+/))) {
        storiesBySentence.set(sentence, (storiesBySentence.get(sentence) ?? 0) + 1);
      }
    }
    const inMoreThanThree = [...storiesBySentence.values()].filter((n) => n > 3).length;
    expect(inMoreThanThree / storiesBySentence.size).toBeLessThan(0.1);
  });

  it('engages on weekdays far more than at weekends', () => {
    const views = records.filter((record) => record.type === 'engagement' && record.kind === 'view');
    const weekend = views.filter((view) => [0, 6].includes(new Date(view.occurredAt).getUTCDay())).length;
    expect(weekend / views.length).toBeLessThan(0.08);
  });

  it('spreads each planted practice from one unit into at least four others within the last four weeks', () => {
    expect(planted.spreadingPractices).toHaveLength(3);
    for (const [originId, ...retellingIds] of planted.spreadingPractices) {
      const origin = storyById.get(originId!)!;
      const retellings = retellingIds.map((id) => storyById.get(id)!);
      const otherUnits = new Set(
        retellings.map((story) => story.member.unit).filter((unit) => unit !== origin.member.unit),
      );
      expect(otherUnits.size).toBeGreaterThanOrEqual(4);
      for (const story of retellings) {
        expect(now.getTime() - Date.parse(story.occurredAt)).toBeLessThanOrEqual(32 * DAY_MS);
      }
      const adoptingUnits = new Set(
        [originId!, ...retellingIds].flatMap((id) =>
          aboutStory(id).flatMap((record) => (record.type === 'adoption' ? [record.member.unit] : [])),
        ),
      );
      expect(adoptingUnits.size).toBeGreaterThanOrEqual(4);
    }
  });

  it('amplifies one practice ~10 days ago, with an executive comment and adoptions rising afterwards', () => {
    const about = aboutStory(planted.amplifiedStory);
    const amplification = about.find((record) => record.type === 'amplification')!;
    const amplifiedAt = Date.parse(amplification.occurredAt);
    expect(amplification.member.roles).toContain('curator');
    expect(Math.round((now.getTime() - amplifiedAt) / DAY_MS)).toBe(10);
    const executiveComment = about.find(
      (record) => record.type === 'comment' && record.member.roles?.includes('executive'),
    );
    expect(Date.parse(executiveComment!.occurredAt) - amplifiedAt).toBeLessThan(DAY_MS);
    const adoptionTimes = about
      .filter((record) => record.type === 'adoption')
      .map((record) => Date.parse(record.occurredAt));
    const perDay = (from: number, to: number) =>
      adoptionTimes.filter((at) => at >= from && at < to).length / ((to - from) / DAY_MS);
    const published = Date.parse(storyById.get(planted.amplifiedStory)!.occurredAt);
    expect(perDay(amplifiedAt, now.getTime())).toBeGreaterThan(2 * perDay(published, amplifiedAt));
  });

  it('keeps the decoys: a story popular inside one unit only, and an author posting five near-copies in two weeks', () => {
    const decoy = storyById.get(planted.singleUnitDecoy)!;
    const about = aboutStory(planted.singleUnitDecoy);
    expect(about.filter((record) => record.type === 'engagement').length).toBeGreaterThan(60);
    expect(new Set(about.map((record) => record.member.unit))).toEqual(new Set([decoy.member.unit]));

    const copies = planted.nearCopies.map((id) => storyById.get(id)!);
    expect(copies).toHaveLength(5);
    expect(new Set(copies.map((copy) => copy.member.sub))).toEqual(new Set([planted.nearCopyAuthor]));
    const times = copies.map((copy) => Date.parse(copy.occurredAt));
    expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(14 * DAY_MS);
  });

  it('generates in well under two seconds', () => {
    const started = performance.now();
    generateDemoOrganisation({ seed: 3, now });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
