import Papa from 'papaparse';
import { ACCOUNT_TOTAL_METRICS, NOT_FOR_THIS_RANGE, notForThisRange, type AccountFigure, type AccountInsights } from '../../../src-shared/insights';
import { METRIC_LABEL } from './labels';

type Cell = string | number;

/** The metrics with a daily series come first; the others Instagram gives as the range's total only. */
const DAILY_COLUMNS = ['reach', 'followers'] as const;
const TOTAL_ONLY_METRICS = ACCOUNT_TOTAL_METRICS.filter((m) => m !== 'reach');
const labelOf = (metric: string) => (metric === 'followers' ? 'Followers' : (METRIC_LABEL[metric] ?? metric));

function totalCell(metric: string, figure: AccountFigure | undefined, days: number): Cell {
  if (figure === NOT_FOR_THIS_RANGE) return notForThisRange(labelOf(metric), days);
  return figure ?? 'No data';
}

/**
 * The range as a table: one row per day (ISO date, plain numbers that any locale's spreadsheet reads), then the
 * range's totals. A day cell is empty where Instagram gives that metric as a total only; followers are Postdeck's
 * count at its last check of the day, empty on days without one, and have no total (a count at a moment).
 */
export function insightsCsvRows(insights: AccountInsights): Cell[][] {
  const header = ['Day', ...DAILY_COLUMNS.map(labelOf), ...TOTAL_ONLY_METRICS.map(labelOf)];
  const reach = new Map(insights.reachByDay.map((d) => [d.date, d.value]));
  const followers = new Map(insights.followersByDay.map((d) => [d.date, d.value]));
  const days: Cell[][] = [];
  for (let day = insights.from; day <= insights.to; day = nextDay(day)) {
    days.push([day, reach.get(day) ?? '', followers.get(day) ?? '', ...TOTAL_ONLY_METRICS.map(() => '')]);
  }
  const total = [
    `Total, ${insights.from} to ${insights.to}`,
    totalCell('reach', insights.totals.reach, insights.days),
    '',
    ...TOTAL_ONLY_METRICS.map((m) => totalCell(m, insights.totals[m], insights.days)),
  ];
  return [header, ...days, total];
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The CSV text (RFC 4180 quoting by papaparse; a cell that a spreadsheet would run as a formula is escaped). */
export function insightsCsv(insights: AccountInsights): string {
  return Papa.unparse(insightsCsvRows(insights), { escapeFormulae: true, newline: '\r\n' });
}

export function insightsCsvName(username: string, insights: AccountInsights): string {
  return `postdeck-insights-${username}-${insights.from}-to-${insights.to}.csv`;
}

/** Hands a file to the browser's download (in the desktop app, Electron's save dialog). */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click starts the download synchronously: the address can go once this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
