// `pnpm demo`: loads a realistic demo organisation into the running stack (`pnpm start`) through the import
// endpoint, waits for the worker to score it, then shows the feed, the hot spots, one spread view and where
// the weekly report was written. Running it twice imports nothing twice (records have stable externalIds).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createSigner } from 'fast-jwt';
import { loadConfigOrExit } from '@kf/config';
import { loadApiConfig } from '@kf/api';
import { isoWeekBefore, isoWeekOf } from '@kf/domain';
import { generateDemoOrganisation } from './demo/organisation.js';

const config = loadConfigOrExit(() => loadApiConfig(process.env));
const baseUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
const sign = createSigner({ key: config.JWT_SECRET, algorithm: 'HS256', expiresIn: 3_600_000 }) as (
  claims: object,
) => string;
const admin = sign({
  sub: 'demo-admin',
  name: 'Demo Admin',
  unit: 'hr-shared-services',
  roles: ['admin', 'curator', 'hr'],
});

async function call<T = any>(
  method: string,
  url: string,
  body?: string,
  contentType = 'application/json',
): Promise<T> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${admin}`,
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until no job waits or runs twice in a row (from /metrics; delayed ones are schedules or coalescing). */
async function waitForWorker(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 2 && Date.now() < deadline) {
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    const depth = [
      ...metrics.matchAll(/^queue_depth\{queue="[^"]+",state="(?:waiting|prioritized|active)"\} (\d+)/gm),
    ].reduce((sum, m) => sum + Number(m[1]), 0);
    quiet = depth === 0 ? quiet + 1 : 0;
    process.stdout.write(`\r  worker queues: ${depth} jobs waiting   `);
    await sleep(1_500);
  }
  process.stdout.write('\n');
}

try {
  await fetch(`${baseUrl}/readyz`);
} catch {
  console.error(`No API at ${baseUrl}: start the stack first (pnpm start), then run pnpm demo.`);
  process.exit(1);
}

const organisation = generateDemoOrganisation({ now: new Date() });
console.log(
  `Demo organisation: ${organisation.units.length} units, ${organisation.members.length} members, ${organisation.records.length} records`,
);
for (const unit of organisation.units) {
  await call(
    'PUT',
    `/v1/business-units/${unit.slug}`,
    JSON.stringify({ name: unit.name, division: unit.division }),
  );
}
const ndjson = organisation.records.map((record) => JSON.stringify(record)).join('\n');
const result = await call('POST', '/v1/admin/import', ndjson, 'application/x-ndjson');
console.log(
  `Imported ${result.imported}, skipped ${result.skipped} (already there), errors ${result.errors.length}`,
);
await waitForWorker(180_000);
// Decay and emergence are computed as of now for every story, once the per-story jobs are done.
await call('POST', '/v1/admin/rescore');
await sleep(2_000);
await waitForWorker(180_000);

const feed = await call('GET', '/v1/feed?limit=5');
console.log('\nThe feed');
for (const story of feed.headlines)
  console.log(`  ★ ${story.amplification.headline} — "${story.title}" (${story.author.unit})`);
for (const story of feed.items)
  console.log(
    `  ${story.scores?.hot.toFixed(1).padStart(7)}  ${story.title} (${story.author.unit}, ${story.counts.units} units)`,
  );

const hotSpots = await call('GET', '/v1/hot-spots?limit=5');
console.log('\nHot spots to review');
for (const item of hotSpots.items) {
  console.log(`  ${item.story.title} (${item.story.author.unit})`);
  for (const reason of item.reasons) console.log(`    - ${reason}`);
}

const amplifications = await call('GET', '/v1/amplifications?active=true&limit=1');
const amplification = amplifications.items[0];
if (amplification) {
  const spread = await call('GET', `/v1/amplifications/${amplification.id}/spread?bucket=week`);
  console.log(`\nSpread of "${amplification.headline}"`);
  console.log(
    `  before: ${spread.before.adoptions} adoptions in ${spread.before.units} units over ${spread.before.days} days`,
  );
  console.log(
    `  after:  ${spread.after.adoptions} adoptions in ${spread.after.units} units; lift ${spread.lift} /day, over control ${spread.liftOverControl ?? 'n/a'}`,
  );
}

const week = isoWeekBefore(isoWeekOf(new Date(), config.REPORT_TZ), config.REPORT_TZ);
const html = await call<string>('GET', `/v1/reports/weekly/${week}?format=html`);
const file = path.resolve('var', `spread-report-${week}.html`);
await mkdir(path.dirname(file), { recursive: true });
await writeFile(file, html);
console.log(`\nWeekly report ${week} written to ${file}`);
console.log(
  `(JSON: ${baseUrl}/v1/reports/weekly/${week}; email it with POST /v1/reports/weekly/${week}/send)`,
);
