// `pnpm run import FILE.ndjson`: the same import as POST /v1/admin/import, straight into the database, with a
// progress line (lines, rate, errors) on stderr and the result as JSON on stdout.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadConfigOrExit } from '@kf/config';
import { importAndEnqueue, loadApiConfig } from '@kf/api';
import { createDatabase, migrateToLatest } from '@kf/db';
import { closeQueues, createProducerConnection, createQueues } from '@kf/jobs';

const file = process.argv.slice(2).find((arg) => arg !== '--');
if (!file) {
  console.error('Usage: pnpm run import FILE.ndjson');
  process.exit(2);
}
const config = loadConfigOrExit(() => loadApiConfig(process.env));
await migrateToLatest(config.DATABASE_URL);
const db = createDatabase({ url: config.DATABASE_URL, applicationName: 'kf-import' });
const redis = createProducerConnection(config.REDIS_URL, {
  enableOfflineQueue: true,
  maxRetriesPerRequest: 20,
});
const queues = createQueues(redis, config.QUEUE_PREFIX);

const started = Date.now();
const progress = ({
  lines,
  imported,
  skipped,
  errors,
}: {
  lines: number;
  imported: number;
  skipped: number;
  errors: number;
}) => {
  const rate = Math.round(lines / Math.max(0.001, (Date.now() - started) / 1000));
  process.stderr.write(
    `\r${lines} lines  ${rate} lines/s  imported ${imported}  skipped ${skipped}  errors ${errors}   `,
  );
};
try {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const result = await importAndEnqueue(db, queues, lines, { now: new Date(), onProgress: progress });
  process.stderr.write('\n');
  console.log(
    JSON.stringify({ imported: result.imported, skipped: result.skipped, errors: result.errors }, null, 2),
  );
  process.exitCode = result.errors.length ? 1 : 0;
} finally {
  await closeQueues(queues);
  redis.disconnect();
  await db.destroy();
}
