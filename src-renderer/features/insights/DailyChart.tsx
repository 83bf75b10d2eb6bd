import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { dayLabel, formatCount, type DayValue } from './format';

const HEIGHT = 220;
const ACCENT = '#1d4ed8';
const GRID = '#e6e9ee';
const TEXT = '#57606a';

const WHOLE_STEPS = [1, 2, 5].flatMap((step) => [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7].map((power) => step * power)).sort((a, b) => a - b);

/** Instagram's days are UTC days: a day is drawn at its UTC midnight and named in the user's locale. */
const dayStart = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

/**
 * A daily series drawn by uPlot: the value axis starts at 0, a day's value shows on hover and, with the chart
 * focused, on the arrow keys (Home and End too). The days are also listed in a visually hidden table.
 */
export default function DailyChart({ points, label, unit }: { points: DayValue[]; label: string; unit: string }) {
  const holder = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  const focused = useRef(false);
  // A reload that brings the same days keeps the chart (and the day the cursor is on).
  const drawn = points.map((p) => `${p.date}=${p.value}`).join();

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    setShown(null); // other days: the cursor's day went with the old chart
    const axisFont = '12px system-ui, sans-serif';
    const options: uPlot.Options = {
      width: element.clientWidth,
      height: HEIGHT,
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      legend: { show: false },
      cursor: { y: false, drag: { x: false, y: false }, points: { size: 9, fill: ACCENT } },
      scales: {
        // Exactly the days there are: uPlot's own padding would stretch a short series over months.
        x: { time: true, range: (_u, min, max) => [min, max] },
        // From 0, whatever the values: a line that starts halfway up would make small changes look large.
        y: { range: (_u, _min, max) => [0, uPlot.rangeNum(0, Math.max(max, 1) * 1.1, 0.1, true)[1]] },
      },
      axes: [
        { stroke: TEXT, font: axisFont, grid: { show: false }, ticks: { stroke: GRID }, values: (_u, splits) => splits.map((s) => dayLabel(s * 1000)) },
        {
          stroke: TEXT,
          font: axisFont,
          size: 56,
          grid: { stroke: GRID },
          ticks: { show: false },
          // Whole steps only: a count of accounts has no fractions, even on a quiet account's axis.
          incrs: WHOLE_STEPS,
          values: (_u, splits) => splits.map((s) => formatCount(s)),
        },
      ],
      series: [{}, { label, stroke: ACCENT, width: 2, fill: 'rgba(29, 78, 216, 0.08)', points: { show: points.length <= 31, size: 5, fill: ACCENT } }],
      hooks: {
        setCursor: [
          (u) => {
            // The mouse leaving (or a scroll moving the chart from under it) does not take away the day the keys chose.
            if (u.cursor.idx != null || !focused.current) setShown(u.cursor.idx ?? null);
          },
        ],
      },
    };
    const plot = new uPlot(options, [points.map((p) => dayStart(p.date)), points.map((p) => p.value)], element);
    chart.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
  }, [drawn, label]); // `drawn` stands for `points`' content

  /** Moves uPlot's cursor to a day, as a hover would, so the keyboard shows the same point and value. */
  const showDay = (index: number) => {
    const plot = chart.current;
    if (!plot) return;
    setShown(index);
    plot.setCursor({ left: plot.valToPos(dayStart(points[index]!.date), 'x'), top: plot.valToPos(points[index]!.value, 'y') });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const last = points.length - 1;
    const current = shown ?? last;
    const next = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    showDay(Math.min(last, Math.max(0, next)));
  };

  if (points.length === 0) return <p className="muted">No data yet.</p>;
  if (points.length === 1) {
    // One day makes no line: its value, plainly.
    return (
      <p className="chart-single">
        <strong>{formatCount(points[0]!.value)}</strong> {unit} on {dayLabel(dayStart(points[0]!.date) * 1000, 'long')}
      </p>
    );
  }
  const day = shown === null ? null : points[shown];
  return (
    <figure className="daily-chart">
      <p className="chart-readout" aria-live="polite">
        {day ? (
          <>
            <span>{dayLabel(dayStart(day.date) * 1000, 'long')}</span> · <strong>{formatCount(day.value)}</strong> {unit}
          </>
        ) : (
          <span className="muted">Point at a day, or focus the chart and use the arrow keys, to read its value.</span>
        )}
      </p>
      <div
        ref={holder}
        className="chart-canvas"
        tabIndex={0}
        role="img"
        aria-label={`${label}, ${points.length} days. Use the arrow keys to read each day's value.`}
        onKeyDown={onKeyDown}
        onFocus={() => {
          focused.current = true;
          showDay(shown ?? points.length - 1);
        }}
        onBlur={() => {
          focused.current = false;
          chart.current?.setCursor({ left: -10, top: -10 });
        }}
      />
      <table className="visually-hidden">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">{unit}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.date}>
              <th scope="row">{dayLabel(dayStart(p.date) * 1000, 'long')}</th>
              <td>{formatCount(p.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
