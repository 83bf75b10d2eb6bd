import { NOT_FOR_THIS_RANGE, notForThisRange, type AccountFigure } from '../../../src-shared/insights';
import { formatCount } from './format';

/** How insight figures read on screen: a missing figure is "No data", never 0. */
export const METRIC_LABEL: Readonly<Record<string, string>> = {
  views: 'Views',
  reach: 'Accounts reached',
  likes: 'Likes',
  comments: 'Comments',
  saved: 'Saves',
  saves: 'Saves',
  shares: 'Shares',
  total_interactions: 'Interactions',
  follows: 'Follows',
  profile_visits: 'Profile visits',
  profile_activity: 'Profile activity',
  reposts: 'Reposts',
  ig_reels_avg_watch_time: 'Average watch time',
  ig_reels_video_view_total_time: 'Total watch time',
  reels_skip_rate: 'Skip rate',
  accounts_engaged: 'Accounts engaged',
  replies: 'Replies',
  follows_and_unfollows: 'Follows and unfollows',
  profile_links_taps: 'Profile link taps',
};

export function formatFigure(metric: string, value: number | null): string {
  if (value === null) return 'No data';
  if (metric === 'ig_reels_avg_watch_time') return `${(value / 1000).toFixed(1)} s`;
  if (metric === 'ig_reels_video_view_total_time') return `${formatCount(value / 60_000)} min`;
  if (metric === 'reels_skip_rate') return `${value} %`;
  return formatCount(value);
}

/** An account total over `days`: a unique count Instagram cannot give for the range says why in place of a number. */
export function formatAccountFigure(metric: string, value: AccountFigure, days: number): string {
  return value === NOT_FOR_THIS_RANGE ? notForThisRange(METRIC_LABEL[metric] ?? metric, days) : formatFigure(metric, value);
}
