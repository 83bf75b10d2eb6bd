import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { appError } from '../../src-shared/errors';
import type { Comment } from '../../src-shared/comments';
import type { Conversation } from '../../src-shared/messages';
import type { Usage } from '../../src-shared/usage';
import { INSIGHT_DAYS, NOT_FOR_THIS_RANGE, notForThisRange, type AccountInsights, type BestTimes } from '../../src-shared/insights';
import type { ChannelOutput } from '../../src-shared/ipc';
import type { Account, AppInfo } from '../../src-shared/models';
import { loopbackRedirect } from '../host/callbackServer';
import { isPastSlot, POST_STATUSES, type Post, type PostMediaRef, type UserTag } from '../../src-shared/posts';
import { firstLine, readPassphrase } from '../host/passphrase';
import type { Command, CommandValues } from './command';
import { completionScript } from './completion';
import { refused, usageError, type CliContext } from './context';
import { clip, localTime, parseSlot, table } from './format';

const text = (values: CommandValues, name: string) => values[name] as string | undefined;
const list = (values: CommandValues, name: string) => (values[name] as string[] | undefined) ?? [];

function accountByHandle(accounts: Account[], handle: string): Account {
  const username = handle.replace(/^@/, '');
  const account = accounts.find((item) => item.username.toLowerCase() === username.toLowerCase());
  // The catalogue's not_found sentence is about an account that went away; this one never was here.
  if (!account) throw refused({ code: 'not_found', message: `No connected account is @${username}.`, action: 'Run `postdeck accounts list` to see the connected accounts.' });
  return account;
}

async function findAccount(context: CliContext, handle: string): Promise<Account> {
  return accountByHandle(await context.call<Account[]>('accounts.list'), handle);
}

/** Account id → "@username", for tables. */
const handles = (accounts: Account[]) => new Map(accounts.map((a) => [a.id, `@${a.username}`]));

function accountsTable(accounts: Account[]): string {
  return table(
    ['ACCOUNT', 'TYPE', 'HEALTH', 'TOKEN EXPIRES', 'ID'],
    accounts.map((a) => [`@${a.username}`, a.accountType, a.health.reason ? `${a.health.state} (${a.health.reason})` : a.health.state, localTime(a.tokenExpiresAt), a.id]),
  );
}

async function postsTable(context: CliContext, posts: Post[]): Promise<string> {
  const names = handles(await context.call<Account[]>('accounts.list'));
  return table(
    ['ID', 'ACCOUNT', 'KIND', 'STATUS', 'MODE', 'AT', 'CAPTION'],
    posts.map((p) => [p.id, (p.accountId ? (names.get(p.accountId) ?? p.accountId) : '-'), p.kind, p.status, p.mode, localTime(p.publishedAt ?? p.scheduledAt), clip(p.caption, 40)]),
  );
}

function usageLine(usage: Usage | null): string {
  if (!usage) return 'Rate-limit usage: not available from this Postdeck.';
  const app = usage.appPercent === null ? 'no answer yet' : `${usage.appPercent} %`;
  const accounts = usage.accounts.map((a) => `@${a.username} ${a.percent} %${a.regainAt ? ` (until ${localTime(a.regainAt)})` : ''}`);
  return `Rate-limit usage: app ${app}${accounts.length ? `; ${accounts.join(', ')}` : ''}; background work ${usage.background}`;
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The three suggested times, then the week's five best weekday × hour slots; the note when a source is missing. */
function bestTimesText(account: Account, best: BestTimes): string {
  const sources = best.sources.map((source) => (source === 'online_followers' ? 'when followers are online' : 'reach of past posts')).join(' and ') || 'nothing yet';
  const top = [...best.slots].filter((slot) => slot.score > 0).sort((a, b) => b.score - a.score).slice(0, 5);
  const lines = [
    `@${account.username}: best times to post (${best.timeZone}), from ${sources}`,
    ...(best.note ? [best.note] : []),
    '',
    best.suggestions.length > 0 ? table(['NEXT BEST'], best.suggestions.map((iso) => [localTime(iso)])) : 'No suggestion yet.',
    ...(top.length > 0 ? ['', table(['DAY', 'HOUR', 'SCORE'], top.map((slot) => [WEEKDAY_NAMES[slot.weekday]!, `${String(slot.hour).padStart(2, '0')}:00`, slot.score.toFixed(2)]))] : []),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

function insightsText(account: Account, insights: AccountInsights): string {
  const followers = new Map(insights.followersByDay.map((day) => [day.date, day.value]));
  const dates = [...new Set([...insights.reachByDay.map((day) => day.date), ...followers.keys()])].sort();
  const reach = new Map(insights.reachByDay.map((day) => [day.date, day.value]));
  return [
    `@${account.username}, last ${insights.days} days: ${insights.from} to ${insights.to}, complete days in UTC (as of ${localTime(insights.fetchedAt)})`,
    '',
    // null is "no data", never 0; a unique count over more than 30 days says why it has no number.
    table(
      ['METRIC', 'VALUE'],
      Object.entries(insights.totals).map(([metric, value]) => [metric, value === NOT_FOR_THIS_RANGE ? notForThisRange(metric, insights.days) : value]),
    ),
    table(['DAY', 'REACH', 'FOLLOWERS'], dates.map((date) => [date, reach.get(date), followers.get(date)])),
  ].join('\n');
}

function commentsTable(comments: Comment[], names: Map<string, string>): string {
  return table(
    ['WHEN', 'ACCOUNT', 'FROM', 'STATE', 'REPLIES', 'ON', 'COMMENT'],
    comments.map((c) => [
      localTime(c.timestamp),
      names.get(c.accountId) ?? c.accountId,
      `@${c.username}`,
      [c.own ? 'yours' : c.read ? 'read' : 'unread', c.hidden ? 'hidden' : null].filter(Boolean).join(', '),
      repliesCell(c.replies),
      clip(c.post?.caption ?? c.igMediaId, 24),
      clip(c.text, 60),
    ]),
  );
}

function conversationsTable(conversations: Conversation[], names: Map<string, string>): string {
  return table(
    ['LAST', 'ACCOUNT', 'WITH', 'STATE', 'REPLY UNTIL', 'THREAD', 'LAST MESSAGE'],
    conversations.map((c) => {
      const last = c.messages.at(-1);
      return [
        localTime(c.lastMessageAt),
        names.get(c.accountId) ?? c.accountId,
        `@${c.username}`,
        c.unread ? 'unread' : 'read',
        c.canReply ? localTime(c.canReplyUntil) : 'closed',
        c.id,
        last ? clip(`${last.from === 'me' ? 'You: ' : ''}${last.text}`, 50) : '',
      ];
    }),
  );
}

/** The accounts whose direct messages are on: one named with --account (refused while off), or all of them. */
async function messageAccounts(context: CliContext, handle: string | undefined): Promise<{ accounts: Account[]; chosen: Account[] }> {
  const accounts = await context.call<Account[]>('accounts.list');
  if (handle) return { accounts, chosen: [accountByHandle(accounts, handle)] };
  const chosen = accounts.filter((a) => a.messagesEnabled);
  if (chosen.length === 0) throw refused(appError('messages_not_enabled', 'No connected account has messages turned on.'));
  return { accounts, chosen };
}

/** "3", or "3 (1 unread)" when some replies are new. */
function repliesCell(replies: Comment[]): string {
  const unread = replies.filter((r) => !r.read && !r.own).length;
  return unread > 0 ? `${replies.length} (${unread} unread)` : `${replies.length}`;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

const isAddress = (value: string) => /^https?:\/\//i.test(value);

/**
 * A pasted link stays a link; a file is copied into Postdeck's media library first (media.import) by the
 * owner, which reads it from its own disk: through a forwarded socket that is the server's, so the path
 * must be the server's full path.
 */
/** `--tag USER` or `--tag USER@x,y` (x and y from 0 to 1); a leading @ on the name is fine. */
function parseTag(value: string): UserTag {
  const match = /^@?([^@\s]+)(?:@([0-9.]+),([0-9.]+))?$/.exec(value.trim());
  if (!match) throw usageError(`--tag "${value}" is not USER or USER@x,y (x and y from 0 to 1, e.g. @a.friend@0.5,0.4).`);
  const [, username, x, y] = match as unknown as [string, string, string | undefined, string | undefined];
  return x !== undefined && y !== undefined ? { username, x: Number(x), y: Number(y) } : { username };
}

async function mediaRef(context: CliContext, value: string): Promise<PostMediaRef> {
  if (isAddress(value)) return { url: value };
  if (context.forwardedSocket && !isAbsolute(value)) {
    throw usageError(`${value}: Postdeck on the other machine reads files from its own disk. Copy the file there (scp ${value} server:) and give its full path there, or give a URL.`);
  }
  const item = await context.call<{ id: string }>('media.import', { path: context.forwardedSocket ? value : resolve(value) });
  return { mediaId: item.id };
}

/** The passphrase for export/import: the first line of --passphrase-file, else typed without echo. */
function passphraseFrom(values: CommandValues): Promise<string> {
  const file = text(values, 'passphrase-file');
  if (file) return Promise.resolve(firstLine(readFileSync(file, 'utf8')));
  if (!process.stdin.isTTY) return Promise.reject(usageError('Give --passphrase-file F, or run in a terminal to type the passphrase.'));
  return readPassphrase({}, 'Passphrase for the export file: ');
}

/** Waits until the owner reports the attempt finished (its `connect.finished` event). */
function connectFinished(context: CliContext, attemptId: string): Promise<{ ok: boolean; account?: Account; error?: Parameters<typeof refused>[0] }> {
  return context.connection().then(
    (client) =>
      new Promise((done) => {
        const stop = client.onEvent((name, payload) => {
          const finished = payload as { attemptId: string; ok: boolean; account?: Account; error?: Parameters<typeof refused>[0] };
          if (name !== 'connect.finished' || finished.attemptId !== attemptId) return;
          stop();
          done(finished);
        });
      }),
  );
}

function readLine(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((done) => rl.question(prompt, (answer) => {
    rl.close();
    done(answer.trim());
  }));
}

export const COMMANDS: Command[] = [
  {
    name: ['serve'],
    summary: 'Run Postdeck with no window (scheduler, refresh sweep) and own the data folder.',
    usage: 'postdeck serve [--insecure-key-file]',
    example: 'POSTDECK_PASSPHRASE_FILE=~/.config/postdeck-passphrase postdeck serve',
    options: { 'insecure-key-file': { type: 'boolean' } },
    positionals: [0, 0],
    run: () => Promise.reject(new Error('serve is started by the entry point')),
  },
  {
    name: ['status'],
    summary: 'Who owns the data folder, the mode, the next slots and rate-limit usage.',
    usage: 'postdeck status [--json]',
    example: 'postdeck status --json',
    options: {},
    positionals: [0, 0],
    async run(context) {
      const owner = context.owner();
      const info = await context.call<AppInfo>('app.info');
      const scheduled = await context.call<Post[]>('posts.list', { status: 'scheduled' });
      const nextSlots = scheduled
        .filter((post) => post.scheduledAt)
        .sort((a, b) => a.scheduledAt!.localeCompare(b.scheduledAt!))
        .slice(0, 5)
        .map((post) => ({ id: post.id, accountId: post.accountId, kind: post.kind, scheduledAt: post.scheduledAt }));
      const rateLimit = await context.callIfAvailable<Usage>('settings.getUsage', {});
      const status = { owner, host: info.host, mode: info.mode, sandboxUrl: info.sandboxUrl, version: info.version, dataDir: context.dataDir, nextSlots, rateLimit };
      await context.print(status, () =>
        [
          'pid' in owner ? `Owner:     ${owner.kind} (pid ${owner.pid}, since ${localTime(owner.startedAt)})` : `Owner:     ${info.host}, reached through ${owner.socketPath}`,
          `Mode:      ${info.mode}${info.sandboxUrl ? ` (${info.sandboxUrl})` : ''}`,
          `Version:   ${info.version}`,
          `Data:      ${context.dataDir}`,
          usageLine(rateLimit),
          'Next slots:',
          table(['AT', 'KIND', 'ID'], nextSlots.map((slot) => [localTime(slot.scheduledAt), slot.kind, slot.id])),
        ].join('\n'),
      );
    },
  },
  {
    name: ['accounts', 'list'],
    summary: 'The connected accounts and their health.',
    usage: 'postdeck accounts list [--json]',
    example: 'postdeck accounts list --json',
    options: {},
    positionals: [0, 0],
    async run(context) {
      const accounts = await context.call<Account[]>('accounts.list');
      await context.print(accounts, () => accountsTable(accounts));
    },
  },
  {
    name: ['accounts', 'check'],
    summary: 'Ask Instagram now whether an account (or every account) still works.',
    usage: 'postdeck accounts check [@user] [--json]',
    example: 'postdeck accounts check @my.shop',
    options: {},
    positionals: [0, 1],
    async run(context, _values, [handle]) {
      const input = handle ? { accountId: (await findAccount(context, handle)).id } : {};
      const accounts = await context.call<Account[]>('accounts.check', input);
      await context.print(accounts, () => accountsTable(accounts));
    },
  },
  {
    name: ['accounts', 'connect'],
    summary: 'Connect an Instagram account: open the printed address in a browser.',
    usage: 'postdeck accounts connect [--paste] [--json]',
    example: 'postdeck accounts connect --paste',
    options: { paste: { type: 'boolean' } },
    positionals: [0, 0],
    async run(context, values) {
      const info = await context.call<AppInfo>('app.info');
      const redirectUri = info.liveConfig?.redirectUri ?? '';
      if (info.mode === 'live' && !values.paste && !loopbackRedirect(redirectUri)) {
        throw usageError(`Instagram sends the browser to ${redirectUri}, which serves nothing here: run \`postdeck accounts connect --paste\` and paste the address the browser ends on.`);
      }
      const started = await context.call<{ attemptId: string; authorizeUrl: string }>('accounts.connect');
      const finished = connectFinished(context, started.attemptId);
      const cancel = () => void context.call('accounts.cancelConnect', { attemptId: started.attemptId }).catch(() => undefined);
      process.once('SIGINT', cancel);
      const owner = context.owner();
      // The desktop app signs in in its own window, which catches Instagram's redirect; a browser elsewhere could not.
      if ('pid' in owner && owner.kind === 'desktop' && !values.paste) context.err('Postdeck opened its sign-in window on this computer: finish there.\n');
      else context.err(`Open this address to connect: ${started.authorizeUrl}\n`);
      try {
        // Instagram's https redirect serves nothing here: the owner finishes from the address the browser ended on.
        if (values.paste) {
          const account = await context.call<Account>('accounts.finishConnect', { url: await readLine('Paste the address your browser ended on: ') });
          return await context.print(account, () => `Connected @${account.username} (${account.accountType}).\n`);
        }
        const outcome = await finished;
        if (!outcome.ok) throw refused(outcome.error ?? appError('internal_error'));
        const account = outcome.account!;
        await context.print(account, () => `Connected @${account.username} (${account.accountType}).\n`);
      } finally {
        process.off('SIGINT', cancel);
      }
    },
  },
  {
    name: ['posts', 'list'],
    summary: 'Posts, newest first; --status narrows to one status.',
    usage: `postdeck posts list [--status ${POST_STATUSES.join('|')}] [--account @user] [--json]`,
    example: 'postdeck posts list --status pending_manual --json',
    options: { status: { type: 'string' }, account: { type: 'string' } },
    positionals: [0, 0],
    async run(context, values) {
      const status = text(values, 'status');
      if (status && !(POST_STATUSES as readonly string[]).includes(status)) throw usageError(`--status must be one of ${POST_STATUSES.join(', ')}.`);
      const account = text(values, 'account');
      const posts = await context.call<Post[]>('posts.list', {
        ...(status ? { status } : {}),
        ...(account ? { accountId: (await findAccount(context, account)).id } : {}),
      });
      await context.print(posts, () => postsTable(context, posts));
    },
  },
  {
    name: ['posts', 'create'],
    summary: 'Schedule an image, a carousel (several --image), a Reel or a Story.',
    usage:
      'postdeck posts create --account @user (--image FILE|URL ... | --reel FILE|URL | --story FILE|URL) (--caption TEXT | --caption-file F) --at ISO|"YYYY-MM-DD HH:MM" [--manual | --remind] [--collab USER ...] [--tag USER[@x,y] ...] [--trial manual|performance] [--json]',
    example: 'postdeck posts create --account @my.shop --image ./photo.jpg --caption "New in" --collab @a.friend --tag @a.friend@0.5,0.4 --at "2026-12-01 09:00"',
    options: {
      account: { type: 'string' },
      image: { type: 'string', multiple: true },
      reel: { type: 'string' },
      story: { type: 'string' },
      caption: { type: 'string' },
      'caption-file': { type: 'string' },
      at: { type: 'string' },
      manual: { type: 'boolean' },
      remind: { type: 'boolean' },
      collab: { type: 'string', multiple: true },
      tag: { type: 'string', multiple: true },
      trial: { type: 'string' },
    },
    positionals: [0, 0],
    async run(context, values) {
      const images = list(values, 'image');
      const reel = text(values, 'reel');
      const story = text(values, 'story');
      const handle = text(values, 'account');
      const at = text(values, 'at');
      const trial = text(values, 'trial');
      if (!handle) throw usageError('--account @user is required.');
      if ([images.length > 0, reel !== undefined, story !== undefined].filter(Boolean).length !== 1) throw usageError('Give --image (one or more), --reel or --story.');
      if (!at) throw usageError('--at is required: an ISO time like 2026-12-01T09:00:00Z, or "2026-12-01 09:00" in local time.');
      if (text(values, 'caption') !== undefined && text(values, 'caption-file') !== undefined) throw usageError('Give --caption or --caption-file, not both.');
      if (values.manual && values.remind) throw usageError('Give --manual or --remind, not both.');
      if (trial !== undefined && trial !== 'manual' && trial !== 'performance') throw usageError('--trial is manual (you graduate the Reel in Instagram) or performance (Instagram graduates it if it does well).');
      const tags = list(values, 'tag').map(parseTag);
      const slot = parseSlot(at);
      if (!slot) throw usageError(`--at "${at}" is not a time: use 2026-12-01T09:00:00Z or "2026-12-01 09:00".`);
      const captionFile = text(values, 'caption-file');
      const caption = captionFile ? readFileSync(captionFile, 'utf8') : (text(values, 'caption') ?? '');
      // Checked before any file is copied in, so a refused post leaves nothing behind.
      const account = await findAccount(context, handle);
      if (story && !values.remind && account.accountType !== 'BUSINESS') throw refused(appError('story_needs_business'));
      if (isPastSlot(slot.getTime(), Date.now())) throw refused(appError('post_invalid', 'That time has already passed.'));
      const mode = values.manual ? 'manual' : values.remind ? 'remind' : undefined;
      const kind = story ? 'story' : reel ? 'reel' : images.length > 1 ? 'carousel' : 'image';
      const media: PostMediaRef[] = [];
      for (const value of story ? [story] : reel ? [reel] : images) media.push(await mediaRef(context, value));
      // A photo's tags sit at a spot on it (the middle unless given; a carousel's go on its first photo); a Reel's and a Story's on the post.
      const onPhoto = kind === 'image' || kind === 'carousel';
      if (onPhoto && tags.length > 0) media[0] = { ...media[0]!, userTags: tags.map((tag) => ({ x: 0.5, y: 0.5, ...tag })) };
      const post = await context.call<Post>('posts.create', {
        accountId: account.id,
        kind,
        caption,
        media,
        scheduledAt: slot.toISOString(),
        ...(mode ? { mode } : {}),
        ...(list(values, 'collab').length > 0 ? { collaborators: list(values, 'collab') } : {}),
        ...(!onPhoto && tags.length > 0 ? { userTags: tags } : {}),
        ...(trial ? { trialReel: trial } : {}),
      });
      await context.print(post, () => `Created ${post.kind} ${post.id}: ${post.status}, ${post.mode}, at ${localTime(post.scheduledAt)}.\n`);
    },
  },
  ...(['approve', 'cancel'] as const).map(
    (verb): Command => ({
      name: ['posts', verb],
      summary: verb === 'approve' ? 'Publish a post that waits for approval.' : 'Cancel a scheduled post (it becomes a draft).',
      usage: `postdeck posts ${verb} ID [--json]`,
      example: `postdeck posts ${verb} 3f6c1a52-0d1e-4c35-9a7e-6f1f5b1e2a10`,
      options: {},
      positionals: [1, 1],
      async run(context, _values, [postId]) {
        const post = await context.call<Post>(`posts.${verb}`, { postId });
        await context.print(post, () => `${post.id}: ${post.status}\n`);
      },
    }),
  ),
  {
    name: ['queue'],
    summary: 'Posts waiting for your approval.',
    usage: 'postdeck queue [--json]',
    example: 'postdeck queue',
    options: {},
    positionals: [0, 0],
    async run(context) {
      const posts = await context.call<Post[]>('posts.list', { status: 'pending_manual' });
      await context.print(posts, () => postsTable(context, posts));
    },
  },
  {
    name: ['insights'],
    summary: "An account's insights over the last days, or --best-times to post.",
    usage: `postdeck insights @user [--days ${INSIGHT_DAYS.join('|')} | --best-times] [--json]`,
    example: 'postdeck insights @my.shop --days 30',
    options: { days: { type: 'string', default: '30' }, 'best-times': { type: 'boolean' } },
    positionals: [1, 1],
    async run(context, values, [handle]) {
      if (values['best-times']) {
        const account = await findAccount(context, handle!);
        const best = await context.callOptional<BestTimes>('insights.bestTimes', { accountId: account.id }, 'Best times');
        return void (await context.print(best, () => bestTimesText(account, best)));
      }
      const days = Number(text(values, 'days'));
      // Instagram's account insights come for these periods only.
      if (!(INSIGHT_DAYS as readonly number[]).includes(days)) throw usageError(`--days must be ${INSIGHT_DAYS.join(', ')}.`);
      const account = await findAccount(context, handle!);
      const insights = await context.callOptional<AccountInsights>('insights.account', { accountId: account.id, days }, 'Insights');
      await context.print(insights, () => insightsText(account, insights));
    },
  },
  {
    name: ['comments'],
    summary: 'Comments on your posts, newest first (the last 50 unless --limit); --unread for the ones you have not seen.',
    usage: 'postdeck comments [--unread] [--account @user] [--limit N] [--json]',
    example: 'postdeck comments --unread --account @my.shop',
    options: { unread: { type: 'boolean' }, account: { type: 'string' }, limit: { type: 'string', default: '50' } },
    positionals: [0, 0],
    async run(context, values) {
      const limit = Number(text(values, 'limit'));
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw usageError('--limit must be a whole number from 1 to 10000.');
      const handle = text(values, 'account');
      const accounts = await context.call<Account[]>('accounts.list');
      const account = handle ? accountByHandle(accounts, handle) : null;
      const input = { ...(account ? { accountId: account.id } : {}), ...(values.unread ? { unreadOnly: true } : {}), limit };
      const comments = await context.callOptional<Comment[]>('comments.list', input, 'The comments inbox');
      await context.print(comments, () => commentsTable(comments, handles(accounts)));
    },
  },
  ...(['read', 'unread'] as const).map(
    (state): Command => ({
      name: ['comments', state],
      summary: `Mark comments or replies ${state} (their ids are in \`postdeck comments --json\`); your own stay read.`,
      usage: `postdeck comments ${state} ID... [--json]`,
      example: `postdeck comments ${state} 17858893269000001`,
      options: {},
      positionals: [1, 10_000],
      async run(context, _values, commentIds) {
        const result = await context.callOptional<{ changed: number }>('comments.setRead', { commentIds, read: state === 'read' }, 'Marking comments');
        await context.print(result, () => `${plural(result.changed, 'comment')} marked ${state}.\n`);
      },
    }),
  ),
  {
    name: ['messages'],
    summary: 'Direct messages of the accounts with messages on, newest conversation first; --unread for the ones you have not seen.',
    usage: 'postdeck messages [--unread] [--account @user] [--json]',
    example: 'postdeck messages --unread',
    options: { unread: { type: 'boolean' }, account: { type: 'string' } },
    positionals: [0, 0],
    async run(context, values) {
      const { accounts, chosen } = await messageAccounts(context, text(values, 'account'));
      const conversations: Conversation[] = [];
      for (const account of chosen) {
        conversations.push(...(await context.callOptional<Conversation[]>('messages.list', { accountId: account.id, ...(values.unread ? { unreadOnly: true } : {}) }, 'Messages')));
      }
      conversations.sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
      await context.print(conversations, () => conversationsTable(conversations, handles(accounts)));
    },
  },
  {
    name: ['messages', 'reply'],
    summary: 'Reply in a conversation (its THREAD id is in `postdeck messages`) with text or a picture at a public https link; Instagram takes replies within 24 hours of their last message.',
    usage: 'postdeck messages reply THREAD_ID (--text T | --image URL) [--json]',
    example: 'postdeck messages reply aWdfdGhyZWFkOjE3ODQx --image https://example.com/lookbook.jpg',
    options: { text: { type: 'string' }, image: { type: 'string' } },
    positionals: [1, 1],
    async run(context, values, [conversationId]) {
      const reply = text(values, 'text');
      const imageUrl = text(values, 'image');
      if (Boolean(reply?.trim()) === Boolean(imageUrl)) throw usageError('Give either --text T or --image URL.');
      const content = imageUrl ? { imageUrl } : { text: reply };
      const { chosen } = await messageAccounts(context, undefined);
      for (const account of chosen) {
        const found = (await context.callOptional<Conversation[]>('messages.list', { accountId: account.id }, 'Messages')).some((c) => c.id === conversationId);
        if (!found) continue;
        const conversation = await context.call<Conversation>('messages.send', { accountId: account.id, conversationId, ...content });
        await context.print(conversation, () => `Replied to @${conversation.username} as @${account.username}.\n`);
        return;
      }
      throw refused(appError('conversation_not_found', `No conversation ${conversationId!}.`));
    },
  },
  {
    name: ['export'],
    summary: 'Write accounts, settings, media and posts to a file, tokens sealed under a passphrase; direct messages only with --include-messages.',
    usage: 'postdeck export --to FILE [--include-messages] [--passphrase-file F] [--json]',
    example: 'postdeck export --to ~/postdeck-export.pdx --passphrase-file ~/export-passphrase',
    options: { to: { type: 'string' }, 'include-messages': { type: 'boolean' }, 'passphrase-file': { type: 'string' } },
    positionals: [0, 0],
    async run(context, values) {
      const to = text(values, 'to');
      if (!to) throw usageError('--to FILE is required.');
      const input = { path: resolve(to), passphrase: await passphraseFrom(values), ...(values['include-messages'] ? { includeMessages: true } : {}) };
      const result = await context.callOptional<ChannelOutput<'data.export'>>('data.export', input, 'Export');
      const messages = values['include-messages'] ? `, ${plural(result.messages, 'direct message')}` : '';
      await context.print(result, () => `Exported ${plural(result.accounts, 'account')}, ${plural(result.posts, 'post')}${messages} and ${plural(result.media, 'media file')} to ${resolve(to)}.\n`);
    },
  },
  {
    name: ['import'],
    summary: 'Read an export file into this data folder (the same account twice is updated).',
    usage: 'postdeck import FILE [--passphrase-file F] [--json]',
    example: 'postdeck import ~/postdeck-export.pdx --passphrase-file ~/export-passphrase',
    options: { 'passphrase-file': { type: 'string' } },
    positionals: [1, 1],
    async run(context, values, [file]) {
      const result = await context.callOptional<ChannelOutput<'data.import'>>('data.import', { path: resolve(file!), passphrase: await passphraseFrom(values) }, 'Import');
      await context.print(
        result,
        () =>
          `Imported ${plural(result.accounts.added, 'new account')} (${result.accounts.updated} updated), ${plural(result.posts, 'post')} and ${plural(result.media, 'media file')}.\n`,
      );
    },
  },
  {
    name: ['completion'],
    summary: 'Print a shell completion script.',
    usage: 'postdeck completion bash|zsh',
    example: 'postdeck completion bash > ~/.local/share/bash-completion/completions/postdeck',
    options: {},
    positionals: [1, 1],
    run(context, _values, [shell]) {
      if (shell !== 'bash' && shell !== 'zsh') return Promise.reject(usageError('Say which shell: bash or zsh.'));
      context.out(completionScript(shell, COMMANDS));
      return Promise.resolve();
    },
  },
];

