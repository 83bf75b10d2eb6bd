import { describe, expect, it } from 'vitest';
import type { Comment } from '../../../src-shared/comments';
import { captionLine, groupByPost, isUnread, replyBlocked, threadMarkable } from '../../../src-renderer/features/comments/inbox';
import { formatRoute, parseRoute } from '../../../src-renderer/lib/routes';

const comment = (id: string, extra: Partial<Comment> = {}): Comment => ({
  id,
  accountId: 'a',
  igMediaId: '1',
  text: 't',
  username: 'u',
  timestamp: '2026-11-01T09:00:00.000Z',
  hidden: false,
  read: true,
  own: false,
  replies: [],
  ...extra,
});

describe('the comments inbox', () => {
  it('marks a thread read or unread, never touching the account’s own replies', () => {
    const thread = comment('1', { read: false, replies: [comment('2'), comment('3', { read: false }), comment('4', { own: true, read: true })] });
    expect(threadMarkable(thread, true)).toEqual(['1', '3']);
    expect(threadMarkable(thread, false)).toEqual(['2']);
  });

  it('never counts the account’s own comment as new', () => {
    expect(isUnread(comment('1', { read: false }))).toBe(true);
    expect(isUnread(comment('1', { read: false, own: true }))).toBe(false);
  });

  it('groups threads by post, a post where its newest thread is', () => {
    const groups = groupByPost([comment('1', { igMediaId: 'a' }), comment('2', { igMediaId: 'b' }), comment('3', { igMediaId: 'a' })]);
    expect(groups.map((g) => [g.igMediaId, g.threads.map((t) => t.id)])).toEqual([
      ['a', ['1', '3']],
      ['b', ['2']],
    ]);
  });

  it('explains why a reply is not possible, in Instagram’s rule', () => {
    expect(replyBlocked(comment('1'), false)).toBeNull();
    expect(replyBlocked(comment('1'), true)).toMatch(/top-level/);
    expect(replyBlocked(comment('1', { hidden: true }), false)).toMatch(/hidden/);
    expect(replyBlocked(comment('1', { post: { caption: null, thumbnailUrl: null, permalink: null, commentsEnabled: false } }), false)).toMatch(/off/);
  });

  it('shows a caption’s first line, cut to fit', () => {
    expect(captionLine('Sunset\nmore')).toBe('Sunset');
    expect(captionLine(null)).toBe('Post without a caption');
    expect(captionLine('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('has its own address', () => {
    expect(parseRoute('#/comments')).toEqual({ name: 'comments' });
    expect(formatRoute({ name: 'comments' })).toBe('#/comments');
  });
});
