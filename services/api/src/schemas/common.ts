import type { JsonText } from '@kf/db';
import { DomainError } from '@kf/domain';
import { type Static, type TSchema, Type } from 'typebox';

/**
 * JSON text a query built, as the payload it holds: fastify sends a string under a JSON content type as it is,
 * unserialised, while the handler stays typed against its route's response schema. Set the content type.
 */
export function asPayload<Value>(text: JsonText<Value>): Value {
  return text as unknown as Value;
}

/** RFC 9457 problem details: every error the API answers. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'Stable URI naming the kind of problem' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Stable error code, e.g. story_not_found' }),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), {
        description: 'Validation errors, one per field',
      }),
    ),
  },
  { $id: 'Problem' },
);
export type Problem = Static<typeof ProblemSchema>;

const problemRef = Type.Unsafe<Problem>(Type.Ref('Problem'));

/** The error responses a route documents, e.g. `...problems(400, 401, 404)`. */
export function problems<const C extends readonly number[]>(...codes: C) {
  return Object.fromEntries(codes.map((code) => [code, problemRef])) as Record<C[number], typeof problemRef>;
}

export const DateTime = Type.String({ format: 'date-time' });
export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });

export const MemberSchema = Type.Object({ id: Type.String(), name: Type.String(), unit: Type.String() });
export type Member = Static<typeof MemberSchema>;

export const MAX_PAGE_SIZE = 100;

/** `limit` defaults to 20 and is capped at 100 (larger values are clamped, not refused). */
export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
});

export function pageSize(limit: number | undefined): number {
  // Query strings are coerced to numbers: "-Infinity" must not reach SQL's LIMIT.
  if (limit !== undefined && !(limit >= 1)) {
    throw new DomainError('validation_failed', 'querystring.limit must be a positive integer');
  }
  return Math.min(limit ?? 20, MAX_PAGE_SIZE);
}

export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

export const NoContent = Type.Null({ description: 'No content' });
