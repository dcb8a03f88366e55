import { type Env, cron, emailList, integer, oneOf, parseEnv, text, timeZone, url } from './env.js';

/** Variables both services read: where the data and the queues live, and how loudly to log. */
export const sharedEnvSchema = {
  /** PostgreSQL; the database is created by `pnpm migrate` / `pnpm start` when missing. */
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/knowledge_feed'),
  /** Redis for BullMQ queues and the shared rate-limit counters. */
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  /** BullMQ key prefix, so several deployments or test runs can share one Redis. */
  QUEUE_PREFIX: text('kf'),
  /** pino log level. */
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  /** Connections per process in the PostgreSQL pool. */
  DATABASE_POOL_SIZE: integer(10, { min: 1, max: 200 }),
  /** Controls production warnings (e.g. the development JWT secret). */
  NODE_ENV: text('development'),
  /** When the weekly spread report is built and sent (cron, in REPORT_TZ): Mondays 07:00 by default. */
  REPORT_CRON: cron('0 7 * * 1'),
  /** The time zone whose ISO weeks the report covers (IANA name). */
  REPORT_TZ: timeZone('UTC'),
  /** Privacy floor: units with fewer active members in the week are folded into "Other units". */
  REPORT_MIN_UNIT_MEMBERS: integer(5, { min: 1 }),
  /** Who receives the weekly report. */
  HR_REPORT_RECIPIENTS: emailList,
  /**
   * How long a worker's claim on a job lasts without renewal: after a worker dies (SIGKILL, OOM), its jobs are
   * taken over by another worker after about this long (BullMQ lockDuration and stalledInterval).
   */
  JOB_LOCK_MS: integer(30_000, { min: 1_000 }),
  /** The API's public base URL, for links in mail. */
  PUBLIC_URL: url(['http:', 'https:'], 'http://127.0.0.1:3000'),
};

export type SharedConfig = ReturnType<typeof parseSharedConfig>;

export function parseSharedConfig(env: Env) {
  return parseEnv(sharedEnvSchema, env);
}
