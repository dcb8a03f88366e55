export const OTHER_UNITS = 'Other units';

/**
 * Privacy floor: rows of units with fewer than `minMembers` active members are summed into one "Other units"
 * row, so no figure about a handful of people can be read off the report. `activeMembers` decides; every
 * numeric field is summed.
 */
export function foldSmallUnits<R extends { unit: string; activeMembers: number }>(
  rows: readonly R[],
  minMembers: number,
): R[] {
  const kept = rows.filter((row) => row.activeMembers >= minMembers);
  const small = rows.filter((row) => row.activeMembers < minMembers);
  if (small.length === 0) return [...kept];
  const other = { ...small[0]!, unit: OTHER_UNITS } as Record<string, unknown>;
  for (const [key, value] of Object.entries(small[0]!)) {
    if (typeof value === 'number')
      other[key] = small.reduce((sum, row) => sum + (row[key as keyof R] as number), 0);
  }
  return [...kept, other as R];
}
