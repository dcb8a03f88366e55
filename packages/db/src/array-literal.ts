/**
 * A PostgreSQL array literal (`{"a","b"}`, `{0.5,0.25}`): lists of ragged lengths travel as one `text[]`
 * parameter, an element per row, cast back to arrays in SQL (`unnest($1::text[])::uuid[]`), since `unnest`
 * flattens a two-dimensional array and arrays of arrays must be rectangular.
 */
export function arrayLiteral(values: readonly (string | number)[]): string {
  const elements = values.map((value) =>
    typeof value === 'number' ? String(value) : `"${value.replace(/["\\]/g, '\\$&')}"`,
  );
  return `{${elements.join(',')}}`;
}
