import { describe, expect, it } from 'vitest';
import type { Comment } from '../../../src-shared/comments';
import { captionLine, replyBlocked, unreadIds } from '../../../src-renderer/features/comments/inbox';
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
  replies: [],
  ...extra,
});

describe('the comments inbox', () => {
  it('marks read what is unread among comments and their replies', () => {
    const threads = [comment('1', { read: false, replies: [comment('2'), comment('3', { read: false })] }), comment('4')];
    expect(unreadIds(threads)).toEqual(['1', '3']);
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
