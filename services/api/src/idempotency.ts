import { createHash } from 'node:crypto';
import { type Database, idempotencyKeys } from '@kf/db';
import { DomainError } from '@kf/domain';

export interface IdempotentResult<S extends number, T> {
  statusCode: S;
  body: T;
  /** False when the response is a replay of an earlier request with the same key. */
  fresh: boolean;
}

/** JSON with sorted keys, so the same body hashes the same whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Runs a create in one transaction; with an Idempotency-Key, a repeat (even a concurrent one) answers the first
 * response again and the same key with a different body is 422 (contract).
 */
export async function idempotent<S extends number, T>(
  db: Database,
  scope: { memberId: string; operation: string; key: string | undefined },
  requestBody: unknown,
  create: (trx: Database) => Promise<{ statusCode: S; body: T }>,
): Promise<IdempotentResult<S, T>> {
  const { key } = scope;
  if (key === undefined) {
    return { ...(await db.transaction().execute(create)), fresh: true };
  }
  const keyScope = { ...scope, key };
  const requestHash = createHash('sha256').update(canonicalJson(requestBody)).digest('hex');
  return db.transaction().execute(async (trx) => {
    if (await idempotencyKeys.claimIdempotencyKey(trx, keyScope, requestHash)) {
      const result = await create(trx);
      await idempotencyKeys.completeIdempotencyKey(trx, keyScope, {
        statusCode: result.statusCode,
        response: result.body,
      });
      return { ...result, fresh: true };
    }
    const earlier = await idempotencyKeys.findIdempotencyKey(trx, keyScope);
    if (!earlier) throw new Error('idempotency key vanished after a conflict');
    if (earlier.requestHash !== requestHash) {
      throw new DomainError(
        'idempotency_key_reused',
        'This Idempotency-Key was used with a different request body',
      );
    }
    return { statusCode: earlier.statusCode as S, body: earlier.response as T, fresh: false };
  });
}
