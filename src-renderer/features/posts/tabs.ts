import type { Post, PostStatus } from '../../../src-shared/posts';
import type { PostTab } from '../../lib/routes';

export interface TabDefinition {
  tab: PostTab;
  label: string;
  statuses: readonly PostStatus[];
  /** What the tab says when it holds nothing. */
  empty: string;
}

/** The posts list's tabs, in order. Every status belongs to exactly one tab, so no post is ever out of sight. */
export const TABS: readonly TabDefinition[] = [
  { tab: 'scheduled', label: 'Scheduled', statuses: ['scheduled', 'publishing'], empty: 'Nothing is scheduled.' },
  { tab: 'waiting', label: 'Waiting for approval', statuses: ['pending_manual'], empty: 'No post is waiting for your approval.' },
  { tab: 'published', label: 'Published', statuses: ['published'], empty: 'Nothing was published through Postdeck yet.' },
  { tab: 'failed', label: 'Failed or held', statuses: ['failed', 'held'], empty: 'No post failed or is held.' },
  { tab: 'drafts', label: 'Drafts', statuses: ['draft'], empty: 'No drafts.' },
];

export function tabOf(status: PostStatus): PostTab {
  return TABS.find((t) => t.statuses.includes(status))?.tab ?? 'drafts';
}

const at = (iso: string | null) => (iso ? Date.parse(iso) : 0) || 0;

/** A tab's posts in the order a creator reads them: what goes out next first, what went out last first. */
export function postsInTab(posts: readonly Post[], tab: PostTab): Post[] {
  const definition = TABS.find((t) => t.tab === tab);
  if (!definition) return [];
  const chosen = posts.filter((p) => definition.statuses.includes(p.status));
  switch (tab) {
    case 'scheduled':
    case 'waiting':
      return chosen.sort((a, b) => at(a.scheduledAt) - at(b.scheduledAt));
    case 'published':
      return chosen.sort((a, b) => at(b.publishedAt) - at(a.publishedAt));
    default:
      return chosen.sort((a, b) => at(b.updatedAt) - at(a.updatedAt));
  }
}

export function waitingCount(posts: readonly Post[]): number {
  return posts.reduce((count, p) => count + (p.status === 'pending_manual' ? 1 : 0), 0);
}
