import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { arrayLiteral } from '@kf/db';
import { useHarness } from '@kf/testing';

const t = useHarness();

describe('arrayLiteral', () => {
  it('gives PostgreSQL back every element: quotes, commas, braces and backslashes, numbers exactly, booleans', async () => {
    const texts = ['plain', 'a, b', '"quoted"', 'back\\slash', '{braces}', '', 'NULL', 'é ü', ' padded '];
    const numbers = [0.1, 1 / 3, -2, 1e-9, 0, 1e21, Number.MAX_VALUE];
    const flags = [true, false];
    const { rows } = await sql<{ texts: string[]; numbers: number[]; flags: boolean[]; none: string[] }>`
      select ${arrayLiteral(texts)}::text[] as texts, ${arrayLiteral(numbers)}::float8[] as numbers,
             ${arrayLiteral(flags)}::bool[] as flags, ${arrayLiteral([])}::text[] as none`.execute(t.db);
    expect(rows[0]).toEqual({ texts, numbers, flags, none: [] });
  });
});
