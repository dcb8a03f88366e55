import { escapeHtml } from './escape.js';

export interface CuratorAlert {
  storyTitle: string;
  authorName: string;
  unit: string;
  rank: number;
  hot: number;
  reasons: string[];
  /** The hot score a pending hot spot must beat to enter the top 3 (Mastodon's "bar to beat"). */
  barToBeat: number | null;
  reviewUrl: string;
}

/** The one email curators get when a pending hot spot first enters the top 3. */
export function renderCuratorAlert(alert: CuratorAlert) {
  const subject = `Hot spot to review: ${alert.storyTitle}`;
  const facts = [
    `#${alert.rank} of the pending hot spots (hot score ${alert.hot.toFixed(2)})`,
    ...(alert.barToBeat === null ? [] : [`The bar to beat for the top 3: ${alert.barToBeat.toFixed(2)}`]),
  ];
  const text = [
    `"${alert.storyTitle}" by ${alert.authorName} (${alert.unit}) is standing out.`,
    '',
    'Why:',
    ...alert.reasons.map((reason) => `- ${reason}`),
    '',
    ...facts,
    '',
    `Review it: ${alert.reviewUrl}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;color:#222">
<p><strong>${escapeHtml(alert.storyTitle)}</strong> by ${escapeHtml(alert.authorName)} (${escapeHtml(alert.unit)}) is standing out.</p>
<p>Why:</p><ul>${alert.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>
<p>${facts.map(escapeHtml).join('<br>')}</p>
<p><a href="${escapeHtml(alert.reviewUrl)}">Review it</a></p>
</body></html>`;
  return { subject, text, html };
}
