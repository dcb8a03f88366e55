// `pnpm db:types` regenerates src/generated/database.ts from the migrations, applied to a scratch database;
// `--check` (kysely-codegen --verify) fails when the committed file differs, so types never drift from migrations.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parseSharedConfig } from '@kf/config';
import { migrateToLatest } from '../migrate.js';

const check = process.argv.includes('--check');
const here = path.dirname(fileURLToPath(import.meta.url));
const outFile = path.resolve(here, '../generated/database.ts');

const { DATABASE_URL } = parseSharedConfig(process.env);
const scratchUrl = new URL(DATABASE_URL);
const scratchName = `kf_types_${process.pid}`;
scratchUrl.pathname = `/${scratchName}`;
const adminUrl = new URL(DATABASE_URL);
adminUrl.pathname = '/postgres';

async function dropScratch() {
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  await client.query(`drop database if exists ${scratchName} with (force)`);
  await client.end();
}

try {
  await migrateToLatest(scratchUrl.toString());
  execFileSync(
    'kysely-codegen',
    [
      ...['--dialect', 'postgres', '--url', scratchUrl.toString(), '--out-file', outFile],
      ...['--camel-case', '--date-parser', 'string', '--exclude-pattern', 'kysely_*'],
      // client.ts parses int8 into numbers: every count and identity of ours fits one.
      ...['--type-mapping', JSON.stringify({ int8: 'number' })],
      ...(check ? ['--verify'] : []),
    ],
    { stdio: 'inherit' },
  );
} catch (error) {
  if (!check) throw error;
  console.error(
    'packages/db/src/generated/database.ts is out of date with migrations/: run `pnpm db:types`.',
  );
  process.exitCode = 1;
} finally {
  await dropScratch();
}
