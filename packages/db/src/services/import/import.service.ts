import type { Database } from '../../client.js';
import * as adoptions from '../../repositories/adoptions.repository.js';
import * as amplifications from '../../repositories/amplifications.repository.js';
import * as businessUnits from '../../repositories/business-units.repository.js';
import * as comments from '../../repositories/comments.repository.js';
import * as engagements from '../../repositories/engagements.repository.js';
import * as hotSpotReviews from '../../repositories/hot-spot-reviews.repository.js';
import * as members from '../../repositories/members.repository.js';
import * as stories from '../../repositories/stories.repository.js';
import { type ImportRecord, parseImportLine } from './import-records.js';

export interface ImportError {
  line: number;
  detail: string;
}

export interface ImportResult {
  imported: number;
  skipped: number;
  errors: ImportError[];
  /** Stories created by this import (to index) and stories with new events (to re-score). */
  createdStoryIds: Set<string>;
  touchedStoryIds: Set<string>;
}

export interface ImportOptions {
  now: Date;
  /** Lines per round trip: large enough to amortise statements, small enough to bound memory. */
  batchSize?: number;
  onProgress?: (progress: { lines: number; imported: number; skipped: number; errors: number }) => void;
}

/** Errors kept in full; beyond, only counted (a broken file must not blow up the response). */
const MAX_REPORTED_ERRORS = 1_000;
const DEFAULT_EXPIRY_MS = 14 * 86_400_000;

type Numbered<R> = { line: number; record: R };
type RecordOf<T extends ImportRecord['type']> = Extract<ImportRecord, { type: T }>;

const memberClaims = (member: ImportRecord['member']) => ({
  id: member.sub,
  name: member.name ?? member.sub,
  unitSlug: member.unit,
  roles: ['member', ...(member.roles ?? []).filter((role) => role !== 'member')],
});

/**
 * Bulk import from NDJSON lines, streamed in batches. Idempotent by externalId (a re-import reports every line
 * skipped); each line is one row (an amplification: one transaction), so a line is applied whole or not at all;
 * a bad line is reported by number and field while the others are applied. Events keep their `occurredAt`.
 *
 * Batches are applied one after the other, in line order, while the next one is read and parsed: this process
 * parses while PostgreSQL writes. Errors are reported as if each batch were read and applied in turn.
 */
export async function importLines(
  db: Database,
  lines: AsyncIterable<string>,
  options: ImportOptions,
): Promise<ImportResult> {
  const result: ImportResult = {
    imported: 0,
    skipped: 0,
    errors: [],
    createdStoryIds: new Set(),
    touchedStoryIds: new Set(),
  };
  const batchSize = options.batchSize ?? 1_000;
  let errorCount = 0;
  const fail = (line: number, detail: string) => {
    errorCount += 1;
    if (result.errors.length < MAX_REPORTED_ERRORS) result.errors.push({ line, detail });
  };
  let batch: Numbered<ImportRecord>[] = [];
  /** The lines among `batch`'s that could not be parsed, reported when it is applied; they count to its size. */
  let unparsed: ImportError[] = [];
  let lineNumber = 0;
  /** The batch being applied; settled (or failed) before the next one starts. */
  let applying: Promise<void> = Promise.resolve();
  const apply = async (records: Numbered<ImportRecord>[], errors: ImportError[], lastLine: number) => {
    for (const { line, detail } of errors) fail(line, detail);
    await importBatch(db, records, options.now, result, fail);
    options.onProgress?.({
      lines: lastLine,
      imported: result.imported,
      skipped: result.skipped,
      errors: errorCount,
    });
  };
  const flush = async () => {
    await applying;
    applying = apply(batch, unparsed, lineNumber);
    // Awaited by the next flush; marked handled now, so a failure meanwhile is not an unhandled rejection.
    applying.catch(() => undefined);
    batch = [];
    unparsed = [];
  };

  try {
    for await (const raw of lines) {
      lineNumber += 1;
      if (raw.trim() === '') continue;
      const parsed = parseImportLine(raw);
      if ('error' in parsed) unparsed.push({ line: lineNumber, detail: parsed.error });
      else if (new Date(parsed.record.occurredAt) > options.now)
        unparsed.push({ line: lineNumber, detail: 'occurredAt is in the future' });
      else batch.push({ line: lineNumber, record: parsed.record });
      if (batch.length + unparsed.length >= batchSize) await flush();
    }
    await flush();
  } finally {
    // A failed read still waits for the batch under way, so nothing is written after the import returns.
    await applying.catch(() => undefined);
  }
  await applying;
  return result;
}

async function importBatch(
  db: Database,
  batch: Numbered<ImportRecord>[],
  now: Date,
  result: ImportResult,
  fail: (line: number, detail: string) => void,
) {
  if (batch.length === 0) return;
  const ofType = <T extends ImportRecord['type']>(type: T) =>
    batch.filter((item): item is Numbered<RecordOf<T>> => item.record.type === type);

  const people = new Map(batch.map(({ record }) => [record.member.sub, memberClaims(record.member)]));
  await businessUnits.ensureBusinessUnits(db, [
    ...new Set([...people.values()].map((member) => member.unitSlug)),
  ]);
  await members.insertMissingMembers(db, [...people.values()]);

  const storyLines = ofType('story');
  const created = await stories.insertStoriesOnce(
    db,
    storyLines.map(({ record }) => ({
      externalId: record.externalId,
      authorId: record.member.sub,
      unitSlug: record.member.unit,
      title: record.title,
      body: record.body,
      tags: record.tags ?? [],
      createdAt: new Date(record.occurredAt),
    })),
  );
  for (const story of created) result.createdStoryIds.add(story.id);
  result.imported += created.length;
  result.skipped += storyLines.length - created.length;

  // Everything else names its story by externalId.
  const referencing = batch.filter(
    (item): item is Numbered<Exclude<ImportRecord, { type: 'story' }>> => item.record.type !== 'story',
  );
  const known = new Map(
    (
      await stories.findStoriesByExternalIds(db, [...new Set(referencing.map(({ record }) => record.story))])
    ).map((story) => [story.externalId!, story]),
  );
  const resolved = referencing.flatMap((item) => {
    const story = known.get(item.record.story);
    if (!story) {
      fail(item.line, `story: no story with externalId "${item.record.story}"`);
      return [];
    }
    return [{ ...item, storyId: story.id, byAuthor: story.authorId === item.record.member.sub }];
  });
  const eventFields = (item: (typeof resolved)[number]) => ({
    externalId: item.record.externalId,
    storyId: item.storyId,
    memberId: item.record.member.sub,
    unitSlug: item.record.member.unit,
    byAuthor: item.byAuthor,
    createdAt: new Date(item.record.occurredAt),
  });
  const count = (items: typeof resolved, insertedExternalIds: string[]) => {
    const inserted = new Set(insertedExternalIds);
    for (const item of items) {
      if (inserted.has(item.record.externalId)) {
        result.imported += 1;
        result.touchedStoryIds.add(item.storyId);
      } else {
        result.skipped += 1;
      }
    }
  };

  const engagementLines = resolved.filter((item) => item.record.type === 'engagement');
  count(
    engagementLines,
    await engagements.insertEngagementsOnce(
      db,
      engagementLines.map((item) => ({
        ...eventFields(item),
        kind: (item.record as RecordOf<'engagement'>).kind,
      })),
    ),
  );
  const commentLines = resolved.filter((item) => item.record.type === 'comment');
  count(
    commentLines,
    await comments.insertCommentsOnce(
      db,
      commentLines.map((item) => ({
        ...eventFields(item),
        body: (item.record as RecordOf<'comment'>).body,
        endorsement: (item.record.member.roles ?? []).includes('executive'),
      })),
    ),
  );
  const adoptionLines = resolved.filter((item) => item.record.type === 'adoption');
  count(
    adoptionLines,
    await adoptions.insertAdoptionsOnce(
      db,
      adoptionLines.map((item) => {
        const record = item.record as RecordOf<'adoption'>;
        return { ...eventFields(item), note: record.note ?? null, status: record.status ?? 'trying' };
      }),
    ),
  );
  for (const item of resolved.filter((entry) => entry.record.type === 'amplification')) {
    const outcome = await importAmplification(db, item.storyId, item.record as RecordOf<'amplification'>);
    if (outcome === 'imported') result.imported += 1;
    else if (outcome === 'skipped') result.skipped += 1;
    else fail(item.line, outcome.error);
  }
}

/** One amplification, with its audit entry and its review, in one transaction. */
async function importAmplification(db: Database, storyId: string, record: RecordOf<'amplification'>) {
  return db.transaction().execute(async (trx): Promise<'imported' | 'skipped' | { error: string }> => {
    await stories.lockStory(trx, storyId);
    if (await amplifications.amplificationExternalIdExists(trx, record.externalId)) return 'skipped';
    const amplifiedAt = new Date(record.occurredAt);
    if (await amplifications.findActiveAmplification(trx, storyId, amplifiedAt)) {
      return { error: 'story already has an active amplification at occurredAt' };
    }
    const expiresAt = record.expiresAt
      ? new Date(record.expiresAt)
      : new Date(amplifiedAt.getTime() + DEFAULT_EXPIRY_MS);
    if (expiresAt <= amplifiedAt) return { error: 'expiresAt must be after occurredAt' };
    const id = await amplifications.insertAmplification(trx, {
      externalId: record.externalId,
      storyId,
      headline: record.headline,
      summary: record.summary ?? null,
      curatorId: record.member.sub,
      amplifiedAt,
      expiresAt,
    });
    await amplifications.insertAudit(trx, {
      amplificationId: id,
      action: 'amplified',
      actorId: record.member.sub,
      at: amplifiedAt,
      detail: { imported: true, headline: record.headline },
    });
    await hotSpotReviews.recordReview(trx, {
      storyId,
      status: 'amplified',
      reason: record.headline,
      reviewerId: record.member.sub,
      reviewedAt: amplifiedAt,
    });
    return 'imported';
  });
}
