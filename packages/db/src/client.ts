import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './generated/database.js';

export type Database = Kysely<DB>;

// bigint columns (identity ids, count(*)) arrive as strings by default; every one of ours fits a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Calendar dates stay 'YYYY-MM-DD' strings: turning them into Dates would shift them by the process's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  /** Name shown in pg_stat_activity, to tell the API's connections from the worker's. */
  applicationName?: string;
}

/**
 * A client whose connection drops while it is connecting (PostgreSQL restarted, network cut) emits 'error'
 * besides failing the pool's connect; without a listener that event would crash the process.
 */
class ResilientClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

export function createDatabase({
  url,
  poolSize = 10,
  applicationName = 'knowledge-feed',
}: DatabaseOptions): Database {
  const pool = new pg.Pool({
    Client: ResilientClient,
    connectionString: url,
    max: poolSize,
    application_name: applicationName,
    // Fail a request quickly while PostgreSQL is unreachable instead of queueing it forever.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (PostgreSQL restarted) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

/** True when PostgreSQL answers; used by readiness probes. */
export async function databaseAnswers(db: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
