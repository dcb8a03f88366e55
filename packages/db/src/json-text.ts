import { type Expression, sql } from 'kysely';

declare const holds: unique symbol;

/**
 * JSON text built by a query, typed by the value it holds: a response can send it as it comes (no parsing,
 * no serialising again) and still be checked, at compile time, against the schema of what it answers.
 */
export type JsonText<Value> = string & { readonly [holds]: Value };

/** A JSON expression read as its text (the driver would otherwise parse it into objects). */
export function jsonText<Value>(json: Expression<Value>) {
  return sql<JsonText<Value>>`${json}::text`;
}
