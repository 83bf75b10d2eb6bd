/**
 * A small SVG line chart for daily series: no library (uPlot awaits the lead's decision), a few hundred
 * bytes gzipped. The points are listed in a visually hidden table for screen readers.
 */
export interface ChartPoint {
  date: string;
  value: number;
}

const WIDTH = 600;
const HEIGHT = 160;
const PAD = 28;

export function LineChart({ points, label }: { points: ChartPoint[]; label: string }) {
  if (points.length === 0) return <p className="muted">No data yet.</p>;
  const values = points.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (i: number) => PAD + (points.length === 1 ? (WIDTH - 2 * PAD) / 2 : (i * (WIDTH - 2 * PAD)) / (points.length - 1));
  const y = (v: number) => HEIGHT - PAD - ((v - min) * (HEIGHT - 2 * PAD)) / span;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <figure className="line-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${label}: ${points.length} days, from ${min} to ${max}`}>
        <line className="axis" x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} />
        <text x={2} y={y(max) + 4}>{max}</text>
        <text x={2} y={y(min) + 4}>{min}</text>
        <text x={PAD} y={HEIGHT - 8}>{points[0]!.date}</text>
        <text x={WIDTH - PAD} y={HEIGHT - 8} textAnchor="end">
          {points.at(-1)!.date}
        </text>
        <path d={path} fill="none" />
        {points.length === 1 ? <circle cx={x(0)} cy={y(points[0]!.value)} r={3} /> : null}
      </svg>
      <table className="visually-hidden">
        <caption>{label}</caption>
        <tbody>
          {points.map((p) => (
            <tr key={p.date}>
              <th scope="row">{p.date}</th>
              <td>{p.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
