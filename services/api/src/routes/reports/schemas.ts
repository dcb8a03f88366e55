import type { WeeklyReport } from '@kf/domain';
import { Type } from 'typebox';
import { DateTime } from '../../schemas/common.js';

export const IsoWeekParams = Type.Object({
  isoWeek: Type.String({ pattern: '^\\d{4}-W\\d{2}$', description: 'ISO week in REPORT_TZ, e.g. 2026-W47' }),
});

export const ReportQuerySchema = Type.Object({
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('html'), Type.Literal('csv')], { default: 'json' }),
  ),
});

export const SendQuerySchema = Type.Object({
  force: Type.Optional(
    Type.Boolean({ description: 'Send again to recipients already sent to (recorded as a resend)' }),
  ),
});

const DeliverySchema = Type.Object({
  recipient: Type.String(),
  sequence: Type.Integer({ description: '0: the weekly delivery; 1, 2…: forced resends' }),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('sending'),
    Type.Literal('retrying'),
    Type.Literal('sent'),
    Type.Literal('failed'),
  ]),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  sentAt: Type.Union([DateTime, Type.Null()]),
});

export const ReportListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      isoWeek: Type.String(),
      timeZone: Type.String(),
      period: Type.Object({ start: DateTime, end: DateTime }),
      builtAt: DateTime,
      rebuildCount: Type.Integer(),
      deliveries: Type.Array(DeliverySchema),
    }),
  ),
});

export const SendResultSchema = Type.Object({
  deliveries: Type.Array(
    Type.Object({
      recipient: Type.String(),
      status: Type.Union([Type.Literal('queued'), Type.Literal('already_sent'), Type.Literal('in_progress')]),
    }),
  ),
});

/** The report model is defined once in @kf/domain (WeeklyReport); documented here as an open object. */
export const WeeklyReportSchema = Type.Unsafe<WeeklyReport>(
  Type.Object({}, { additionalProperties: true, description: 'The weekly spread report (see README)' }),
);
