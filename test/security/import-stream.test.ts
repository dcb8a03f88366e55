import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeMember, signToken, TEST_JWT_SECRET, useHarness } from '@kf/testing';

const t = useHarness();
const MEGABYTE = 1024 * 1024;

describe('a 100 MB import', () => {
  it('is streamed line by line, never buffered whole, and answers with capped errors', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const admin = makeMember({ roles: ['admin'] });
    // Valid records about a story that does not exist: every line is read, parsed and reported, none stored.
    const line = `${JSON.stringify({
      type: 'engagement',
      externalId: 'x',
      occurredAt: '2026-01-01T00:00:00Z',
      member: { sub: 'm', unit: 'ops' },
      story: 'missing',
      kind: 'view',
      padding: 'p'.repeat(400),
    })}\n`;
    const lines = Math.ceil((100 * MEGABYTE) / line.length);
    let sent = 0;
    const body = Readable.from(
      (function* () {
        for (; sent < lines; sent += 1) yield line;
      })(),
    );
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const response = await fetch(`${address}/v1/admin/import`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${signToken(admin, TEST_JWT_SECRET)}`,
        'content-type': 'application/x-ndjson',
      },
      body: Readable.toWeb(body) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    clearInterval(sampler);
    const result = (await response.json()) as { imported: number; errors: unknown[] };
    expect(response.status).toBe(200);
    expect(sent).toBe(lines);
    expect(result.imported).toBe(0);
    expect(result.errors).toHaveLength(1_000);
    // The server and this client share a process here. Buffered whole, the body would take 100 MB of buffers,
    // 100 MB of text and its split lines (300 MB and more); streamed, growth is the garbage collector's slack.
    expect((peak - before) / MEGABYTE).toBeLessThan(200);
    const rows = await t.db
      .selectFrom('engagements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(rows.n).toBe(0);
  }, 120_000);
});
