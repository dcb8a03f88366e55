import { sql } from 'kysely';
import type { Database } from '../client.js';

export type DeliveryStatus = 'pending' | 'sending' | 'retrying' | 'sent' | 'failed';

const deliveryColumns = [
  'id',
  'isoWeek',
  'recipient',
  'sequence',
  'status',
  'attempts',
  'lastError',
  'messageId',
  'sentAt',
  'updatedAt',
] as const;

/** Deliveries of some weeks, in order (for the reports list). */
export function listDeliveries(db: Database, isoWeeks: string[]) {
  if (isoWeeks.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('reportDeliveries')
    .select(deliveryColumns)
    .where('isoWeek', 'in', isoWeeks)
    .orderBy('isoWeek')
    .orderBy('recipient')
    .orderBy('sequence')
    .execute();
}

/** The first delivery of a week to a recipient; an existing one is left as it is (never sent twice). */
export async function claimFirstDelivery(
  db: Database,
  isoWeek: string,
  recipient: string,
  requestedBy: string | null,
) {
  const inserted = await db
    .insertInto('reportDeliveries')
    .values({ isoWeek, recipient, sequence: 0, requestedBy })
    .onConflict((conflict) => conflict.constraint('report_deliveries_once_uq').doNothing())
    .returning(deliveryColumns)
    .executeTakeFirst();
  return {
    created: inserted !== undefined,
    delivery: inserted ?? (await findDelivery(db, isoWeek, recipient, 0))!,
  };
}

/** A forced resend: the next sequence number for that week and recipient. */
export function insertResend(db: Database, isoWeek: string, recipient: string, requestedBy: string) {
  return db
    .insertInto('reportDeliveries')
    .values((eb) => ({
      isoWeek,
      recipient,
      requestedBy,
      sequence: eb
        .selectFrom('reportDeliveries')
        .select(sql<number>`coalesce(max(sequence), -1) + 1`.as('next'))
        .where('isoWeek', '=', isoWeek)
        .where('recipient', '=', recipient),
    }))
    .returning(deliveryColumns)
    .executeTakeFirstOrThrow();
}

export function findDelivery(db: Database, isoWeek: string, recipient: string, sequence: number) {
  return db
    .selectFrom('reportDeliveries')
    .select(deliveryColumns)
    .where('isoWeek', '=', isoWeek)
    .where('recipient', '=', recipient)
    .where('sequence', '=', sequence)
    .executeTakeFirst();
}

/**
 * Moves a delivery to `sending` only from pending or retrying (a sent one, or one whose outcome is unknown
 * after a crash mid-send, is never sent again: at most once). Returns whether this attempt may send.
 */
export async function startAttempt(db: Database, id: string) {
  const row = await db
    .updateTable('reportDeliveries')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'retrying'])
    .returning('attempts')
    .executeTakeFirst();
  return row !== undefined;
}

export async function finishAttempt(
  db: Database,
  id: string,
  outcome: { status: 'sent'; messageId: string } | { status: 'retrying' | 'failed'; error: string },
) {
  await db
    .updateTable('reportDeliveries')
    .set({
      status: outcome.status,
      updatedAt: new Date(),
      ...(outcome.status === 'sent'
        ? { messageId: outcome.messageId, sentAt: new Date(), lastError: null }
        : { lastError: outcome.error }),
    })
    .where('id', '=', id)
    .execute();
}
