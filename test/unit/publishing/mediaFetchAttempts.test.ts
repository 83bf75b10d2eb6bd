import { afterEach, beforeEach, expect, it } from 'vitest';
import { EventBus } from '../../../src-main/config/events';
import { silentLogger } from '../../../src-main/config/logger';
import { ManualClock } from '../../../src-main/config/manualClock';
import { openDatabase, type Database } from '../../../src-main/db/database';
import { MEDIA_FETCHES_KEPT, PostsRepo } from '../../../src-main/db/postsRepo';
import { Publisher } from '../../../src-main/publishing/publisher';

let db: Database;
let posts: PostsRepo;
let clock: ManualClock;
let publisher: Publisher;

function insertPost(id: string): void {
  db.prepare(`INSERT INTO posts (id, account_id, environment, kind, caption, media, mode, status, created_at, updated_at)
    VALUES (?, 'acc-1', 'sandbox', 'image', '', '[]', 'automatic', 'publishing', 0, 0)`).run(id);
}

function fetchedBy(userAgent: string, postId = 'post-1'): void {
  clock.advance(1_000);
  publisher.recordFetch({ postId, itemIndex: 0, at: clock.now(), userAgent, method: 'GET', status: 200 });
}

beforeEach(() => {
  db = openDatabase(':memory:');
  db.prepare(`INSERT INTO accounts (id, environment, ig_user_id, username, account_type, scopes, consent_at, connected_at,
    updated_at, token_issued_at, token_expires_at) VALUES ('acc-1', 'sandbox', '1784', 'maya', 'BUSINESS', '[]', 0, 0, 0, 0, 0)`).run();
  insertPost('post-1');
  insertPost('post-2');
  posts = new PostsRepo(db);
  clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
  // Recording a fetch needs only the posts, the clock and the bus; the rest of the publisher is never reached.
  const unused = {} as never;
  publisher = new Publisher({ posts, clock, events: new EventBus(silentLogger), logger: silentLogger, domain: unused, sessions: unused, jobs: unused, media: unused, mediaFiles: unused });
});

afterEach(() => db.close());

it(`keeps the newest ${MEDIA_FETCHES_KEPT} fetches of a post, and every other attempt row`, () => {
  posts.addAttempt('post-1', { at: clock.now(), step: 'container_created', outcome: 'ok', detail: 'container 1' });
  for (let n = 0; n < 3; n += 1) fetchedBy(`other-${n}`, 'post-2');
  for (let n = 0; n < 15; n += 1) fetchedBy(`fetcher-${n}`);
  posts.addAttempt('post-1', { at: clock.now(), step: 'published', outcome: 'ok', detail: 'media 1' });
  for (let n = 15; n < 30; n += 1) fetchedBy(`fetcher-${n}`);

  const attempts = posts.attempts('post-1');
  const fetches = attempts.filter((attempt) => attempt.step === 'media_fetch').map((attempt) => attempt.detail.split(' by ')[1]);
  expect(fetches).toEqual(Array.from({ length: MEDIA_FETCHES_KEPT }, (_, n) => `fetcher-${30 - MEDIA_FETCHES_KEPT + n}`));
  expect(attempts.filter((attempt) => attempt.step !== 'media_fetch').map((attempt) => attempt.step)).toEqual(['container_created', 'published']);
  expect(posts.attempts('post-2').map((attempt) => attempt.detail.split(' by ')[1])).toEqual(['other-0', 'other-1', 'other-2']);
});
