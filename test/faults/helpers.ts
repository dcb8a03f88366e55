import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { sql } from 'kysely';
import type { Database } from '@kf/db';

/**
 * Starts a service entry point as a real child process, as `pnpm start:*` would. Silent unless
 * CHILD_LOG_LEVEL is set (e.g. `CHILD_LOG_LEVEL=info pnpm test test/faults` to see a child's logs).
 */
export function spawnService(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: new URL('../../', import.meta.url).pathname,
    env: { ...process.env, LOG_LEVEL: process.env.CHILD_LOG_LEVEL ?? 'silent', ...env },
    stdio: ['ignore', process.env.CHILD_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
  );
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every story's stored counts against a direct count of its events: the exact comparison of a fault test. */
export async function countsMismatches(db: Database) {
  const { rows } = await sql<{ id: string }>`
    select s.id from stories s left join story_scores c on c.story_id = s.id
    where coalesce(c.reaction_count, 0) <> (select count(*) from engagements e where e.story_id = s.id and e.kind = 'reaction' and not e.by_author)
       or coalesce(c.share_count, 0) <> (select count(*) from engagements e where e.story_id = s.id and e.kind = 'share' and not e.by_author)
       or coalesce(c.view_count, 0) <> (select count(*) from engagements e where e.story_id = s.id and e.kind = 'view' and not e.by_author)`.execute(
    db,
  );
  return rows.map((row) => row.id);
}
