// `pnpm report -- --week 2026-W47 [--send]`: build (once) the weekly spread report of a week, print where it
// can be read, and with --send deliver it to HR_REPORT_RECIPIENTS through the same code as the worker's job.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@kf/config';
import { createDatabase, ensureWeeklyReport, migrateToLatest, reportDeliveries } from '@kf/db';
import { isIsoWeek, isoWeekBefore, isoWeekOf } from '@kf/domain';
import { createMailer } from '@kf/mail';
import { loadWorkerConfig, processReportDeliver } from '@kf/worker';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { week: { type: 'string' }, send: { type: 'boolean', default: false } },
});
const config = loadConfigOrExit(() => loadWorkerConfig(process.env));
const week = values.week ?? isoWeekBefore(isoWeekOf(new Date(), config.REPORT_TZ), config.REPORT_TZ);
if (!isIsoWeek(week)) {
  console.error(`--week must be an ISO week such as 2026-W47, got "${week}"`);
  process.exit(2);
}
await migrateToLatest(config.DATABASE_URL);
const db = createDatabase({ url: config.DATABASE_URL, applicationName: 'kf-report' });
const mailer = createMailer({
  smtpUrl: config.SMTP_URL,
  outboxDir: config.OUTBOX_DIR,
  from: config.MAIL_FROM,
});
try {
  const settings = { timeZone: config.REPORT_TZ, minUnitMembers: config.REPORT_MIN_UNIT_MEMBERS };
  const stored = await ensureWeeklyReport(db, week, settings, new Date());
  console.log(
    `Report ${week} built at ${stored.builtAt.toISOString()}: ${config.PUBLIC_URL}/v1/reports/weekly/${week}?format=html`,
  );
  if (values.send) {
    if (config.HR_REPORT_RECIPIENTS.length === 0)
      console.log('HR_REPORT_RECIPIENTS is empty: nobody to send to.');
    for (const recipient of config.HR_REPORT_RECIPIENTS) {
      const { delivery } = await reportDeliveries.claimFirstDelivery(db, week, recipient, null);
      const outcome = await processReportDeliver(
        { db, mailer, publicUrl: config.PUBLIC_URL },
        { isoWeek: week, recipient, sequence: delivery.sequence },
      );
      console.log(`${recipient}: ${outcome === 'sent' ? 'sent' : `not sent again (${delivery.status})`}`);
    }
    if (!config.SMTP_URL) console.log(`SMTP_URL is unset: messages were written to ${config.OUTBOX_DIR}`);
  }
} finally {
  mailer.close();
  await db.destroy();
}
