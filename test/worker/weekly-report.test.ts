import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSchedules } from '@kf/jobs';
import { makeMember, makeMembers, type SmtpSink, startSmtpSink, useHarness } from '@kf/testing';

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());

const RECIPIENTS = ['hr-one@example.com', 'hr-two@example.com'];
const t = useHarness({
  databasePerTest: true,
  apiEnv: { HR_REPORT_RECIPIENTS: RECIPIENTS.join(','), REPORT_MIN_UNIT_MEMBERS: '5' },
  workerEnv: () => ({
    SMTP_URL: smtp.url,
    HR_REPORT_RECIPIENTS: RECIPIENTS.join(','),
    REPORT_MIN_UNIT_MEMBERS: '5',
  }),
});
const hr = makeMember({ roles: ['hr'], unit: 'people' });
const WEEK = '2026-W47';
const inWeek = (day: number, hour = 10) => new Date(Date.UTC(2026, 10, 16 + day, hour));

/** A week of activity: two units of 6 active members, one unit of 3, an amplified story with a hostile title. */
async function seedWeek() {
  t.clock.set(inWeek(0));
  const finance = makeMembers(6, { unit: 'finance' });
  const sales = makeMembers(6, { unit: 'sales' });
  const tiny = makeMembers(3, { unit: 'tiny-unit' });
  const hostile = await t
    .as(finance[0])
    .post('/v1/stories', { title: '<script>alert(1)</script>', body: 'Escaped?' });
  const other = await t.as(tiny[0]).post('/v1/stories', { title: 'Tiny unit practice', body: 'Small.' });
  t.clock.set(inWeek(1));
  await t
    .as(makeMember({ roles: ['curator'], unit: 'people' }))
    .post(`/v1/stories/${hostile.body.id}/amplify`, { headline: 'Read <b>this</b>' });
  for (const [i, member] of [...finance.slice(1), ...sales, ...tiny.slice(1)].entries()) {
    t.clock.set(inWeek(1 + (i % 5), 9 + (i % 6)));
    await t.as(member).post(`/v1/stories/${hostile.body.id}/engagements`, { kind: 'reaction' });
    await t
      .as(member)
      .post(`/v1/stories/${i % 2 ? hostile.body.id : other.body.id}/adoptions`, { note: 'trying' });
  }
  const dropper = await t.as(tiny[1]).get('/v1/me/adoptions');
  t.clock.set(inWeek(6));
  await t.as(tiny[1]).patch(`/v1/adoptions/${dropper.body.items[0].id}`, { status: 'dropped' });
  // The report is built in the next week, when W47 is over.
  t.clock.set(new Date(Date.UTC(2026, 10, 23, 7)));
}

const deliveredTo = () =>
  smtp.messages.flatMap((mail) => (mail.to as { value: { address: string }[] }).value.map((v) => v.address));

describe('weekly spread report', () => {
  it('on schedule, sends exactly one message per recipient with HTML, text, CSV and inline PNG parts', async () => {
    smtp.messages.length = 0;
    await seedWeek();
    await t.startWorker();
    // The production schedule is weekly; here every second, so that several runs happen.
    await upsertSchedules(t.queues, { cron: '* * * * * *', timeZone: 'UTC' });
    await smtp.waitFor(2);
    // A few more scheduled runs: each finds the report built and the deliveries made.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await t.queues.reports.removeJobScheduler('report.weekly');
    expect(deliveredTo().sort()).toEqual([...RECIPIENTS].sort());
    const mail = smtp.messages[0]!;
    expect(mail.subject).toContain(WEEK);
    expect(mail.html).toBeTruthy();
    expect(mail.text).toContain('Read <b>this</b>');
    expect(mail.attachments.some((a) => a.contentType === 'text/csv' && a.filename?.endsWith('.csv'))).toBe(
      true,
    );
    const images = mail.attachments.filter((a) => a.contentType === 'image/png');
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) {
      expect(image.contentId).toBeTruthy();
      // Inline, referenced by Content-ID from the HTML (mailparser resolves those references to data URIs).
      expect(image.related).toBe(true);
      expect(image.content.subarray(0, 4).toString('hex')).toBe('89504e47');
    }
    expect(mail.html).toContain('data:image/png;base64,');
    // Escaped, never raw.
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>alert(1)</script>');
  });

  it('sends once per recipient with two workers and a repeated, retried job', async () => {
    smtp.messages.length = 0;
    await seedWeek();
    await Promise.all([t.startWorker(), t.startWorker()]);
    const { enqueue } = await import('@kf/jobs');
    await Promise.all([1, 2, 3, 4].map(() => enqueue(t.queues, 'report.weekly', { isoWeek: WEEK })));
    await t.drain();
    await enqueue(t.queues, 'report.weekly', {});
    await t.drain();
    expect(deliveredTo().sort()).toEqual([...RECIPIENTS].sort());
  });

  it('retries while SMTP refuses, then delivers exactly once, with the attempts shown', async () => {
    smtp.messages.length = 0;
    await seedWeek();
    smtp.failNext(2);
    await t.startWorker();
    const sent = await t.as(hr).post(`/v1/reports/weekly/${WEEK}/send`);
    expect(sent.status).toBe(202);
    expect(sent.body.deliveries.map((d: { status: string }) => d.status)).toEqual(['queued', 'queued']);
    await smtp.waitFor(2, 30_000);
    await t.drain(30_000);
    expect(deliveredTo().sort()).toEqual([...RECIPIENTS].sort());
    const list = await t.as(hr).get('/v1/reports/weekly');
    const deliveries = list.body.items[0].deliveries;
    expect(deliveries.every((d: { status: string }) => d.status === 'sent')).toBe(true);
    expect(deliveries.reduce((sum: number, d: { attempts: number }) => sum + d.attempts, 0)).toBe(4);

    const again = await t.as(hr).post(`/v1/reports/weekly/${WEEK}/send`);
    expect(again.body.deliveries.map((d: { status: string }) => d.status)).toEqual([
      'already_sent',
      'already_sent',
    ]);
    const forced = await t.as(hr).post(`/v1/reports/weekly/${WEEK}/send?force=true`);
    expect(forced.body.deliveries.map((d: { status: string }) => d.status)).toEqual(['queued', 'queued']);
    await smtp.waitFor(4);
    await t.drain();
    const resent = (await t.as(hr).get('/v1/reports/weekly')).body.items[0].deliveries;
    expect(resent.map((d: { sequence: number }) => d.sequence).sort()).toEqual([0, 0, 1, 1]);
  });

  it('folds a unit of 3 active members into Other units and matches direct SQL over the week', async () => {
    await seedWeek();
    const res = await t.as(hr).get(`/v1/reports/weekly/${WEEK}`);
    expect(res.status).toBe(200);
    const report = res.body;
    const html = (await t.as(hr).get(`/v1/reports/weekly/${WEEK}?format=html`)).body as string;
    const csv = (await t.as(hr).get(`/v1/reports/weekly/${WEEK}?format=csv`)).body as string;
    for (const text of [
      JSON.stringify(report.adoptionByUnit),
      JSON.stringify(report.droppedAdoptions),
      JSON.stringify(report.hotSpots),
      html,
      csv,
    ]) {
      expect(text).not.toContain('tiny-unit');
    }
    expect(report.adoptionByUnit.map((row: { unit: string }) => row.unit)).toContain('Other units');
    expect(report.droppedAdoptions).toEqual([
      { storyTitle: expect.any(String), unit: 'Other units', count: 1 },
    ]);

    const start = new Date('2026-11-16T00:00:00Z');
    const end = new Date('2026-11-23T00:00:00Z');
    const { rows } = await sql<{ stories: number; members: number; units: number; adoptions: number }>`
      with activity as (
        select author_id as member_id, unit_slug from stories where created_at >= ${start} and created_at < ${end}
        union select member_id, unit_slug from engagements where created_at >= ${start} and created_at < ${end}
        union select member_id, unit_slug from comments where created_at >= ${start} and created_at < ${end}
        union select member_id, unit_slug from adoptions where created_at >= ${start} and created_at < ${end})
      select (select count(*) from stories where created_at >= ${start} and created_at < ${end})::int as stories,
             (select count(distinct member_id) from activity)::int as members,
             (select count(distinct unit_slug) from activity)::int as units,
             (select count(*) from adoptions where not by_author and created_at >= ${start} and created_at < ${end})::int as adoptions`.execute(
      t.db,
    );
    expect(report.glance.stories.value).toBe(rows[0]!.stories);
    expect(report.glance.activeMembers.value).toBe(rows[0]!.members);
    expect(report.glance.unitsEngaged.value).toBe(rows[0]!.units);
    expect(report.glance.adoptions.value).toBe(rows[0]!.adoptions);
    const finance = report.adoptionByUnit.find((row: { unit: string }) => row.unit === 'finance');
    const direct = await sql<{
      n: number;
    }>`select count(*)::int as n from adoptions where unit_slug = 'finance' and not by_author and created_at >= ${start} and created_at < ${end}`.execute(
      t.db,
    );
    expect(finance.adoptions).toBe(direct.rows[0]!.n);
    expect(report.headlines[0]).toMatchObject({
      storyTitle: '<script>alert(1)</script>',
      headline: 'Read <b>this</b>',
    });

    // Built once: a later request returns the stored snapshot even when data changes.
    await t
      .as(makeMember({ unit: 'sales' }))
      .post('/v1/stories', { title: 'Late', body: 'After the build.' });
    expect((await t.as(hr).get(`/v1/reports/weekly/${WEEK}`)).body).toEqual(report);
    expect((await t.as(makeMember()).get(`/v1/reports/weekly/${WEEK}`)).status).toBe(403);
    expect((await t.as(hr).get('/v1/reports/weekly/2026-W48')).status).toBe(409);
  });
});
