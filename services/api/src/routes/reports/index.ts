import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ensureWeeklyReport, rebuildWeeklyReport, reportDeliveries, weeklyReports } from '@kf/db';
import { DomainError, isIsoWeek, type WeeklyReport } from '@kf/domain';
import { enqueue } from '@kf/jobs';
import { Type } from 'typebox';
import { renderWeeklyReport } from '@kf/mail';
import { requireRole } from '../../plugins/auth.js';
import { problems } from '../../schemas/common.js';
import {
  IsoWeekParams,
  ReportListSchema,
  ReportQuerySchema,
  SendQuerySchema,
  SendResultSchema,
  WeeklyReportSchema,
} from './schemas.js';

/** Reports listed per page. */
const LISTED_REPORTS = 52;

/** HR's weekly spread report: built once per ISO week from a snapshot, sent once per recipient. */
const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, now, config } = app.deps;
  const settings = { timeZone: config.REPORT_TZ, minUnitMembers: config.REPORT_MIN_UNIT_MEMBERS };
  app.addHook('onRequest', async (request) => requireRole(request.caller, 'hr', 'admin'));

  const report = async (isoWeek: string) => {
    if (!isIsoWeek(isoWeek))
      throw new DomainError('validation_failed', `params.isoWeek ${isoWeek} is not an ISO week`);
    return ensureWeeklyReport(db, isoWeek, settings, now());
  };

  app.get(
    '/reports/weekly',
    {
      schema: {
        tags: ['reports'],
        summary: 'Built weekly reports with their delivery status (hr, admin)',
        response: { 200: ReportListSchema, ...problems(401, 403, 429) },
      },
    },
    async () => {
      const reports = await weeklyReports.listWeeklyReports(db, LISTED_REPORTS);
      const deliveries = await reportDeliveries.listDeliveries(
        db,
        reports.map((row) => row.isoWeek),
      );
      return {
        items: reports.map((row) => ({
          isoWeek: row.isoWeek,
          timeZone: row.timeZone,
          period: { start: row.periodStart.toISOString(), end: row.periodEnd.toISOString() },
          builtAt: row.builtAt.toISOString(),
          rebuildCount: row.rebuildCount,
          deliveries: deliveries
            .filter((delivery) => delivery.isoWeek === row.isoWeek)
            .map((delivery) => ({
              recipient: delivery.recipient,
              sequence: delivery.sequence,
              status: delivery.status as 'sent',
              attempts: delivery.attempts,
              lastError: delivery.lastError,
              sentAt: delivery.sentAt?.toISOString() ?? null,
            })),
        })),
      };
    },
  );

  app.get(
    '/reports/weekly/:isoWeek',
    {
      schema: {
        tags: ['reports'],
        summary:
          'The weekly spread report as JSON, HTML or CSV (built on first request once the week is over)',
        params: IsoWeekParams,
        querystring: ReportQuerySchema,
        response: {
          200: Type.Union([WeeklyReportSchema, Type.String({ description: 'HTML or CSV, by format' })]),
          ...problems(400, 401, 403, 409, 429),
        },
      },
    },
    async (request, reply) => {
      const stored = await report(request.params.isoWeek);
      const body = stored.report as unknown as WeeklyReport;
      const format = request.query.format ?? 'json';
      if (format === 'json') return body;
      const rendered = renderWeeklyReport(body, { appUrl: config.PUBLIC_URL });
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="spread-report-${body.isoWeek}.csv"`)
          .send(rendered.csv);
      }
      // In a browser there is no message to hold the images: inline them as data URIs.
      let html = rendered.html;
      for (const attachment of rendered.attachments) {
        if (attachment.cid)
          html = html.replaceAll(
            `cid:${attachment.cid}`,
            `data:${attachment.contentType};base64,${attachment.content.toString('base64')}`,
          );
      }
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.post(
    '/reports/weekly/:isoWeek/send',
    {
      schema: {
        tags: ['reports'],
        summary: 'Send the report to HR_REPORT_RECIPIENTS, once per recipient unless forced (hr, admin)',
        params: IsoWeekParams,
        querystring: SendQuerySchema,
        response: { 202: SendResultSchema, ...problems(400, 401, 403, 409, 429, 503) },
      },
    },
    async (request, reply) => {
      const { isoWeek } = request.params;
      await report(isoWeek);
      const deliveries = [];
      for (const recipient of config.HR_REPORT_RECIPIENTS) {
        const first = await reportDeliveries.claimFirstDelivery(db, isoWeek, recipient, request.caller.id);
        const delivery =
          !first.created && request.query.force
            ? await reportDeliveries.insertResend(db, isoWeek, recipient, request.caller.id)
            : first.delivery;
        const queued =
          first.created || request.query.force || ['pending', 'retrying'].includes(delivery.status);
        if (queued)
          await enqueue(app.deps.queues, 'report.deliver', {
            isoWeek,
            recipient,
            sequence: delivery.sequence,
          });
        const status = queued ? 'queued' : delivery.status === 'sent' ? 'already_sent' : 'in_progress';
        deliveries.push({ recipient, status: status as 'queued' });
      }
      return reply.status(202).send({ deliveries });
    },
  );

  app.post(
    '/reports/weekly/:isoWeek/rebuild',
    {
      schema: {
        tags: ['reports'],
        summary: 'Rebuild a stored report from the data as it is now, recorded (admin)',
        params: IsoWeekParams,
        response: { 200: WeeklyReportSchema, ...problems(400, 401, 403, 409, 429) },
      },
    },
    async (request) => {
      requireRole(request.caller, 'admin');
      await report(request.params.isoWeek);
      const rebuilt = await rebuildWeeklyReport(
        db,
        request.params.isoWeek,
        settings,
        now(),
        request.caller.id,
      );
      return rebuilt.report as unknown as WeeklyReport;
    },
  );
};

export default reportsRoutes;
