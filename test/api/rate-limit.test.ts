import { describe, expect, it } from 'vitest';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness({ apiEnv: { RATE_LIMIT_PER_MINUTE: '5', CORS_ORIGINS: 'https://intranet.example' } });

describe('per-member rate limit', () => {
  it('answers 429 with Retry-After past the limit, per member', async () => {
    const busy = makeMember();
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await t.as(busy).get('/v1/me/adoptions')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await t.as(busy).get('/v1/me/adoptions');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body.code).toBe('rate_limited');
    expect((await t.as(makeMember()).get('/v1/me/adoptions')).status).toBe(200);
  });
});

describe('CORS', () => {
  it("allows the intranet's origin only", async () => {
    const allowed = await t.as(makeMember()).get('/v1/me/adoptions', { origin: 'https://intranet.example' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://intranet.example');
    const other = await t.as(makeMember()).get('/v1/me/adoptions', { origin: 'https://evil.example' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
