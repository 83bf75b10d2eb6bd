import { afterEach, expect, it } from 'vitest';
import { DomainEvents, EventBus } from '../../../src-main/config/events';
import { silentLogger } from '../../../src-main/config/logger';
import { ManualClock } from '../../../src-main/config/manualClock';
import { AccountsRepo } from '../../../src-main/db/accountsRepo';
import { openDatabase } from '../../../src-main/db/database';
import { JobsRepo } from '../../../src-main/db/jobsRepo';
import { PostsRepo } from '../../../src-main/db/postsRepo';
import { JobRunner } from '../../../src-main/jobs/runner';
import { createPublishing } from '../../../src-main/publishing';

const db = openDatabase(':memory:');
afterEach(() => db.close());

it('a media.fetched domain event shows on its post, as media hosting reports it', () => {
  db.prepare(`INSERT INTO accounts (id, environment, ig_user_id, username, account_type, scopes, consent_at, connected_at,
    updated_at, token_issued_at, token_expires_at) VALUES ('acc-1', 'sandbox', '1784', 'maya', 'BUSINESS', '[]', 0, 0, 0, 0, 0)`).run();
  db.prepare(`INSERT INTO posts (id, account_id, environment, kind, caption, media, mode, status, created_at, updated_at)
    VALUES ('post-1', 'acc-1', 'sandbox', 'image', '', '[]', 'automatic', 'publishing', 0, 0)`).run();
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
  const domain = new DomainEvents(silentLogger);
  const posts = new PostsRepo(db);
  // Recording a fetch needs only the posts, the clock and the buses; the rest of publishing is never reached.
  const unused = {} as never;
  createPublishing({
    posts,
    accounts: new AccountsRepo(db),
    jobs: new JobRunner({ repo: new JobsRepo(db), clock, timers: clock, environment: () => 'sandbox', logger: silentLogger }),
    clock,
    events: new EventBus(silentLogger),
    domain,
    logger: silentLogger,
    mode: () => 'sandbox',
    sessions: unused,
    media: unused,
    verifyMedia: unused,
    mediaFiles: unused,
    missedSlotGraceMs: unused,
  });
  domain.emit('media.fetched', { postId: 'post-1', itemIndex: 0, at: clock.now(), userAgent: 'facebookexternalhit/1.1', method: 'GET', status: 200 });
  expect(posts.attempts('post-1')).toEqual([expect.objectContaining({ step: 'media_fetch', outcome: 'ok', detail: expect.stringContaining('facebookexternalhit/1.1') })]);
});
