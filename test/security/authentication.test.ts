// OWASP API2:2023 Broken Authentication, beyond test/api/auth.test.ts: tokens that verify but carry claims of
// the wrong type or shape are refused (401) or reduced to the plain member role, never a 5xx, never a privilege.
import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { TEST_JWT_SECRET, useHarness } from '@kf/testing';

const t = useHarness();
const sign = createSigner({ key: TEST_JWT_SECRET, algorithm: 'HS256', expiresIn: 3_600_000 }) as (
  payload: object,
) => string;

const call = (token: string, url = '/v1/me/adoptions') =>
  t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

const memberRow = (id: string) =>
  t.db.selectFrom('members').select(['id', 'roles', 'unitSlug']).where('id', '=', id).executeTakeFirst();

describe('the roles claim', () => {
  it.each([
    ['a string', 'admin'],
    ['a comma-separated string', 'curator,hr,admin'],
    ['an object', { admin: true, curator: true }],
    ['a number', 7],
    ['null', null],
    ['true', true],
    ['an array of non-strings', [1, null, { role: 'admin' }, ['admin']]],
    ['an array with padded or upper-case names', [' admin', 'ADMIN', 'Admin', 'admin\u0000']],
  ])('as %s grants the member role only, never 5xx', async (_kind, roles) => {
    const sub = `roles-${Math.random().toString(36).slice(2)}`;
    const token = sign({ sub, name: 'Mallory', unit: 'finance', roles });
    const res = await call(token);
    expect(res.statusCode).toBe(200);
    expect((await memberRow(sub))?.roles).toEqual(['member']);
    for (const url of ['/v1/business-units', '/v1/hot-spots', '/v1/reports/weekly', '/v1/amplifications']) {
      const refused = await call(token, url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('the unit claim', () => {
  it.each([
    ['upper case', 'Finance'],
    ['a space', 'fin ance'],
    ['a trailing space', 'finance '],
    ['a path', '../admin'],
    ['empty', ''],
    ['65 characters', 'x'.repeat(65)],
    ['SQL', "finance'; DROP TABLE members; --"],
    ['a number', 42],
    ['an array', ['finance']],
    ['an object', { slug: 'finance' }],
    ['null', null],
  ])('with %s → 401 problem+json, and no member or unit stored', async (_kind, unit) => {
    const sub = `unit-${Math.random().toString(36).slice(2)}`;
    const unitsBefore = await t.db.selectFrom('businessUnits').select('slug').orderBy('slug').execute();
    const res = await call(sign({ sub, name: 'Mallory', unit, roles: ['admin'] }));
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('unauthenticated');
    expect(await memberRow(sub)).toBeUndefined();
    expect(await t.db.selectFrom('businessUnits').select('slug').orderBy('slug').execute()).toEqual(
      unitsBefore,
    );
  });
});

describe('the sub and name claims', () => {
  it.each([
    ['a number sub', { sub: 42 }],
    ['an object sub', { sub: { id: 'x' } }],
    ['an empty sub', { sub: '' }],
    ['a 201-character sub', { sub: 'x'.repeat(201) }],
  ])('%s → 401, never 5xx', async (_kind, claims) => {
    const res = await call(sign({ name: 'x', unit: 'finance', ...claims }));
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it.each([
    ['an object', { first: 'Mallory' }],
    ['a number', 12],
    ['blank', '   '],
    ['very long', 'N'.repeat(5_000)],
  ])('a name that is %s is accepted as the sub or cut short, never 5xx', async (_kind, name) => {
    const sub = `name-${Math.random().toString(36).slice(2)}`;
    const res = await call(sign({ sub, name, unit: 'finance' }));
    expect(res.statusCode).toBe(200);
    const row = await t.db
      .selectFrom('members')
      .select('name')
      .where('id', '=', sub)
      .executeTakeFirstOrThrow();
    expect(typeof row.name).toBe('string');
    expect(row.name.length).toBeLessThanOrEqual(200);
  });
});

describe('the Authorization header itself', () => {
  it.each([
    ['no scheme', (token: string) => token],
    ['Basic', () => `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['two tokens', (token: string) => `Bearer ${token} ${token}`],
    ['an empty bearer', () => 'Bearer '],
    ['a 9 KB header', () => `Bearer ${'a'.repeat(9_000)}`],
  ])('%s → 401 problem+json', async (_kind, header) => {
    const token = sign({ sub: 'header-test', name: 'x', unit: 'finance', roles: ['admin'] });
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/business-units',
      headers: { authorization: header(token) },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
