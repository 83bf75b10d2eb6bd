import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NOT_FOR_THIS_RANGE } from '../../../src-shared/insights';
import { formatAccountFigure, formatFigure } from '../../../src-renderer/features/insights/labels';
import { LineChart } from '../../../src-renderer/features/insights/LineChart';

describe('insight figures on screen', () => {
  it('a missing figure reads "No data", never 0; a real 0 stays 0', () => {
    expect(formatFigure('reach', null)).toBe('No data');
    expect(formatFigure('reach', 0)).toBe('0');
    expect(formatFigure('ig_reels_avg_watch_time', 4200)).toBe('4.2 s');
  });

  it('a unique count over more than 30 days says why it has no number, in place of one', () => {
    expect(formatAccountFigure('reach', NOT_FOR_THIS_RANGE, 90)).toBe("Accounts reached can't be added up over 90 days: Instagram counts unique accounts per 30 days.");
    expect(formatAccountFigure('reach', 1234, 30)).toBe((1234).toLocaleString());
    expect(formatAccountFigure('reach', null, 90)).toBe('No data');
  });

  it('the chart draws one line through every day and lists the days for screen readers', () => {
    const html = renderToStaticMarkup(
      LineChart({
        points: [
          { date: '2026-11-01', value: 10 },
          { date: '2026-11-02', value: 30 },
          { date: '2026-11-03', value: 20 },
        ],
        label: 'Reach',
      }),
    );
    expect(html.match(/<path d="M[^"]*"/)![0].split(/[ML]/).length - 1).toBe(3);
    expect(html).toContain('<th scope="row">2026-11-02</th><td>30</td>');
    expect(renderToStaticMarkup(LineChart({ points: [], label: 'Reach' }))).toContain('No data yet.');
  });
});
