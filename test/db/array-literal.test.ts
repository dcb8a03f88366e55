import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { arrayLiteral } from '@kf/db';
import { useHarness } from '@kf/testing';

const t = useHarness();

describe('arrayLiteral', () => {
  it('gives PostgreSQL back every element, quotes, commas, braces and backslashes included', async () => {
    const texts = ['plain', 'a, b', '"quoted"', 'back\\slash', '{braces}', '', 'NULL', 'é ü', ' padded '];
    const numbers = [0.1, 1 / 3, -2, 1e-9, 0];
    const { rows } = await sql<{ texts: string[]; numbers: number[]; none: string[] }>`
      select ${arrayLiteral(texts)}::text[] as texts, ${arrayLiteral(numbers)}::float8[] as numbers,
             ${arrayLiteral([])}::text[] as none`.execute(t.db);
    expect(rows[0]).toEqual({ texts, numbers, none: [] });
  });
});
