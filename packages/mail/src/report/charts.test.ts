import { describe, it, expect } from 'vitest';
import { adoptionCurveChart, svgToPng, unitsReachedChart } from './charts.js';
import { sampleWeeklyReport } from './weekly-report.fixture.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk, which always follows the signature. */
function pngSize(png: Buffer) {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('charts', () => {
  const [headline] = sampleWeeklyReport().headlines;

  it('renders the adoption curve as a sharp (2×) PNG', () => {
    const png = svgToPng(adoptionCurveChart(headline!.series, headline!.headline, 'Europe/Paris'));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 1200, height: 480 });
  });

  it('renders the units reached per week with each week and value labelled', () => {
    const weeks = sampleWeeklyReport().unitsReachedPerWeek;
    const svg = unitsReachedChart(weeks);
    for (const week of weeks) expect(svg).toContain(`>${week.week}</text>`);
    expect(svgToPng(svg).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  it('escapes a hostile title in the SVG and still renders', () => {
    const svg = adoptionCurveChart(headline!.series, '<script>alert(1)</script> & "friends"');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;');
    expect(svgToPng(svg).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  it('labels buckets in the report time zone', () => {
    // 23:00 UTC on 15 November is already Monday 16 November in Paris.
    const svg = adoptionCurveChart(headline!.series, 'x', 'Europe/Paris');
    expect(svg).toContain('>16 Nov</text>');
    expect(svg).toContain('>Week starting</text>');
  });

  it('says so when there is nothing to draw', () => {
    expect(adoptionCurveChart([], 'Quiet')).toContain('No adoptions yet');
    expect(svgToPng(unitsReachedChart([])).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });
});
