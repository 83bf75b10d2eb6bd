import { describe, expect, it } from 'vitest';
import { pageTitle } from '../../../src-renderer/lib/pageTitle';
import { attemptStepText, nextStep } from '../../../src-renderer/features/posts/describe';
import type { Post } from '../../../src-shared/posts';

describe('page titles', () => {
  it('name the screen, then the app', () => {
    expect(pageTitle({ name: 'queue' })).toBe('Queue — Postdeck');
    expect(pageTitle({ name: 'calendar', view: 'month', date: null })).toBe('Calendar — Postdeck');
    expect(pageTitle({ name: 'grid', accountId: null })).toBe('Grid preview — Postdeck');
    expect(pageTitle({ name: 'posts', tab: 'failed' })).toBe('Posts — Postdeck');
    expect(pageTitle({ name: 'composer', postId: null })).toBe('New post — Postdeck');
    expect(pageTitle({ name: 'composer', postId: 'abc' })).toBe('Edit post — Postdeck');
  });

  it("name a post's page by the start of its caption once known", () => {
    expect(pageTitle({ name: 'post', postId: 'abc' }, 'Morning bake…')).toBe('Morning bake… — Postdeck');
    expect(pageTitle({ name: 'post', postId: 'abc' })).toBe('Post — Postdeck');
  });
});

describe("a post's steps in words", () => {
  it('says what Postdeck was doing, never the state name', () => {
    expect(attemptStepText({ step: 'uploading', outcome: 'failed' }, 'image')).toBe('Creating the post on Instagram');
    expect(attemptStepText({ step: 'container_created', outcome: 'ok' }, 'reel')).toBe('Creating the post on Instagram');
    expect(attemptStepText({ step: 'container_created', outcome: 'failed' }, 'reel')).toBe('Waiting for Instagram to process the video');
    expect(attemptStepText({ step: 'container_ready', outcome: 'ok' }, 'image')).toBe('Waiting for Instagram to process the photo');
    expect(attemptStepText({ step: 'media_publish', outcome: 'retry' }, 'image')).toBe('Publishing');
    expect(attemptStepText({ step: 'first_comment', outcome: 'ok' }, 'image')).toBe('Posting the first comment');
  });

  it("leaves a failed post's error to the problem box, so the page says it once", () => {
    const error = { code: 'publish_failed', message: 'The media type is not supported.', action: 'Fix it.' };
    const post = { status: 'failed', error, mode: 'automatic', scheduledAt: null, retryAt: null } as unknown as Post;
    expect(nextStep(post, undefined)).not.toContain(error.message);
    expect(nextStep({ ...post, status: 'held' }, undefined)).not.toContain(error.message);
  });
});
