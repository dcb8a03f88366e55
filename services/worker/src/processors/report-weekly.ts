import type { Job } from 'bullmq';
import {
  type Database,
  ensureWeeklyReport,
  reportDeliveries,
  weeklyReports,
  type WeeklyReportSettings,
} from '@kf/db';
import { isoWeekBefore, isoWeekOf, type WeeklyReport } from '@kf/domain';
import { enqueue, type JobPayload, type Queues } from '@kf/jobs';
import { type Mailer, renderWeeklyReport } from '@kf/mail';

export interface ReportDeps {
  db: Database;
  queues: Queues;
  mailer: Mailer;
  reportSettings: WeeklyReportSettings;
  hrRecipients: string[];
  publicUrl: string;
  now: () => Date;
}

/**
 * report.weekly (REPORT_CRON in REPORT_TZ, one schedule for all workers): build the last complete week's report
 * once, then queue one delivery per HR recipient. A rerun, a retry or a second worker finds the report and the
 * deliveries already there and adds nothing.
 */
export async function processReportWeekly(deps: ReportDeps, { isoWeek }: JobPayload<'report.weekly'>) {
  const at = deps.now();
  const week =
    isoWeek ?? isoWeekBefore(isoWeekOf(at, deps.reportSettings.timeZone), deps.reportSettings.timeZone);
  await ensureWeeklyReport(deps.db, week, deps.reportSettings, at);
  for (const recipient of deps.hrRecipients) {
    const { delivery } = await reportDeliveries.claimFirstDelivery(deps.db, week, recipient, null);
    if (delivery.status === 'pending' || delivery.status === 'retrying') {
      await enqueue(deps.queues, 'report.deliver', { isoWeek: week, recipient, sequence: delivery.sequence });
    }
  }
  return week;
}

/**
 * report.deliver: send one stored report to one recipient, at most once. SMTP failures are recorded and retried
 * with backoff by BullMQ; the last failed attempt marks the delivery failed with the reason.
 */
export async function processReportDeliver(
  deps: Pick<ReportDeps, 'db' | 'mailer' | 'publicUrl'>,
  { isoWeek, recipient, sequence }: JobPayload<'report.deliver'>,
  job?: Pick<Job, 'attemptsMade' | 'opts'>,
) {
  const delivery = await reportDeliveries.findDelivery(deps.db, isoWeek, recipient, sequence);
  if (!delivery || !(await reportDeliveries.startAttempt(deps.db, delivery.id))) return 'skipped';
  const stored = await weeklyReports.findWeeklyReport(deps.db, isoWeek);
  if (!stored) throw new Error(`No built report for ${isoWeek}`);
  const rendered = renderWeeklyReport(stored.report as unknown as WeeklyReport, { appUrl: deps.publicUrl });
  try {
    const messageId = await deps.mailer.send({
      to: recipient,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: rendered.attachments,
    });
    await reportDeliveries.finishAttempt(deps.db, delivery.id, { status: 'sent', messageId });
    return 'sent';
  } catch (error) {
    const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await reportDeliveries.finishAttempt(deps.db, delivery.id, {
      status: lastAttempt ? 'failed' : 'retrying',
      error: (error as Error).message,
    });
    throw error;
  }
}
