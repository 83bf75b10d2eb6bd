import { useMemo, useState } from 'react';
import type { TopPost, TopPostMetric } from '../../../src-shared/insights';
import { formatDate } from '../../lib/format';
import { formatCount } from './format';

const COLUMNS: ReadonlyArray<{ metric: TopPostMetric; label: string }> = [
  { metric: 'reach', label: 'Reach' },
  { metric: 'views', label: 'Views' },
  { metric: 'total_interactions', label: 'Interactions' },
];

type Sort = { metric: TopPostMetric; descending: boolean };

/** Highest first (or lowest, when turned round); posts without the figure always last, newest first among equals. */
function sorted(items: readonly TopPost[], { metric, descending }: Sort): TopPost[] {
  const direction = descending ? -1 : 1;
  return [...items].sort((a, b) => {
    const x = a.metrics[metric];
    const y = b.metrics[metric];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return (x - y) * direction;
  });
}

function kindOf(media: TopPost['media']): string {
  if (media.mediaProductType === 'REELS') return 'Reel';
  if (media.mediaType === 'CAROUSEL_ALBUM') return 'Carousel';
  if (media.mediaType === 'VIDEO') return 'Video';
  return 'Photo';
}

/** The range's posts as a table sortable by reach, views and interactions, each with its picture. */
export function TopPosts({ items }: { items: TopPost[] }) {
  const [sort, setSort] = useState<Sort>({ metric: 'reach', descending: true });
  const rows = useMemo(() => sorted(items, sort), [items, sort]);
  if (items.length === 0) return <p className="muted">Nothing was published in these days.</p>;
  const sortBy = (metric: TopPostMetric) => setSort((s) => ({ metric, descending: s.metric === metric ? !s.descending : true }));
  return (
    <table className="top-posts">
      <caption className="visually-hidden">Posts published in these days, sorted by {COLUMNS.find((c) => c.metric === sort.metric)!.label.toLowerCase()}</caption>
      <thead>
        <tr>
          <th scope="col">Post</th>
          {COLUMNS.map(({ metric, label }) => {
            const active = sort.metric === metric;
            return (
              <th key={metric} scope="col" className="figure" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                <button type="button" className={active ? 'sorted' : undefined} onClick={() => sortBy(metric)}>
                  {label}
                  <span className="sort-mark" aria-hidden="true">
                    {active ? (sort.descending ? '↓' : '↑') : '↕'}
                  </span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((item) => (
          <TopPostRow key={item.media.id} item={item} />
        ))}
      </tbody>
    </table>
  );
}

function TopPostRow({ item }: { item: TopPost }) {
  const [pictureFailed, setPictureFailed] = useState(false);
  const { media } = item;
  const kind = kindOf(media);
  const caption = media.caption?.trim() || `${kind} without a caption`;
  const figure = (metric: TopPostMetric) => {
    const value = item.metrics[metric];
    if (value !== null) return formatCount(value);
    return item.noInsights === 'not_enough_viewers' ? 'Too few viewers' : 'No data';
  };
  return (
    <tr>
      <td>
        <div className="top-post">
          {media.thumbnailUrl && !pictureFailed ? (
            <img className="top-post-picture" src={media.thumbnailUrl} alt="" loading="lazy" referrerPolicy="no-referrer" onError={() => setPictureFailed(true)} />
          ) : (
            <span className="top-post-picture top-post-no-picture" aria-hidden="true">
              {kind}
            </span>
          )}
          <div className="top-post-text">
            {item.postId ? (
              <a className="top-post-caption" href={`#/posts/${item.postId}`}>
                {caption}
              </a>
            ) : (
              <span className="top-post-caption">{caption}</span>
            )}
            <span className="muted">
              {kind} · {formatDate(media.timestamp)}
              {item.postId ? '' : ' · posted in the Instagram app'}
            </span>
          </div>
        </div>
      </td>
      {COLUMNS.map(({ metric }) => (
        <td key={metric} className={item.metrics[metric] === null ? 'figure no-data' : 'figure'}>
          {figure(metric)}
        </td>
      ))}
    </tr>
  );
}
