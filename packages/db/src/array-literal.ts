/**
 * A PostgreSQL array literal (`{"a","b"}`, `{0.5,0.25}`, `{true,false}`): a batch's column as one parameter,
 * numbers and booleans unquoted (the driver quotes and escapes every element). Lists of ragged lengths travel
 * as one `text[]` parameter of such literals, an element per row, cast back to arrays in SQL
 * (`unnest($1::text[])::uuid[]`), since `unnest` flattens a two-dimensional array and arrays of arrays must be
 * rectangular.
 */
export function arrayLiteral(values: readonly (string | number | boolean)[]): string {
  const elements = values.map((value) =>
    typeof value === 'string' ? `"${value.replace(/["\\]/g, '\\$&')}"` : String(value),
  );
  return `{${elements.join(',')}}`;
}
