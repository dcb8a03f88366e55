import { describe, expect, it } from 'vitest';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness();

describe('business units (admin)', () => {
  it('creates units on first sight and lets an admin name them', async () => {
    const admin = makeMember({ roles: ['admin'], unit: 'people-ops' });
    await t.as(makeMember({ unit: 'treasury' })).get('/v1/me/adoptions');
    const named = await t
      .as(admin)
      .put('/v1/business-units/treasury', { name: 'Treasury', division: 'Finance' });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ slug: 'treasury', name: 'Treasury', division: 'Finance' });
    const list = await t.as(admin).get('/v1/business-units');
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ slug: 'treasury', name: 'Treasury', memberCount: 1 }),
        expect.objectContaining({ slug: 'people-ops', name: 'people-ops' }),
      ]),
    );
  });

  it('refuses members (403) and bad slugs (400)', async () => {
    const member = makeMember();
    expect((await t.as(member).get('/v1/business-units')).status).toBe(403);
    expect((await t.as(member).put('/v1/business-units/x', { name: 'X' })).status).toBe(403);
    const admin = makeMember({ roles: ['admin'] });
    expect((await t.as(admin).put('/v1/business-units/Not%20A%20Slug', { name: 'X' })).status).toBe(400);
    expect((await t.as(admin).put('/v1/business-units/ok', {})).status).toBe(400);
  });
});
