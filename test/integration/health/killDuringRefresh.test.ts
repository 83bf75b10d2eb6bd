import BetterSqlite3 from 'better-sqlite3';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_PURPOSE } from '../../../src-main/accounts/context';
import { createApp, DATABASE_FILE } from '../../../src-main/app/createApp';
import { DAY, ManualClock } from '../../../src-main/config/clock';
import { silentLogger } from '../../../src-main/config/logger';
import { SecretsRepo } from '../../../src-main/db/secretsRepo';
import { VaultKeysRepo } from '../../../src-main/db/vaultKeysRepo';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { fileKeyProtector } from '../../../src-main/vault/localProtectors';
import { Vault } from '../../../src-main/vault/vault';
import { consent } from '../../helpers/harness';

const ROUNDS = 12;
const ACCOUNTS = 12;
const APP = { appId: '4400000000000044', appSecret: 'fedcba9876543210fedcba9876543210' };
const REDIRECT = 'https://postdeck.example/oauth/instagram/callback';

let instagram: Sandbox;
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
  instagram = await startSandbox({ quiet: true, apps: [{ ...APP, redirectUris: [REDIRECT], mode: 'live' }] });
  dataDir = mkdtempSync(join(tmpdir(), 'postdeck-kill-'));
  env = {
    POSTDECK_IG_APP_ID: APP.appId,
    POSTDECK_IG_APP_SECRET: APP.appSecret,
    POSTDECK_IG_REDIRECT_URI: REDIRECT,
    POSTDECK_IG_AUTH_BASE: instagram.url,
    POSTDECK_IG_API_BASE: instagram.url,
    POSTDECK_IG_GRAPH_BASE: instagram.url,
  };
  // Connect the accounts with the same data dir and key file the killed host will use.
  const app = await createApp({
    host: 'web',
    version: 'test',
    dataDir,
    clock: new ManualClock(Date.now()),
    logger: silentLogger,
    keyProtector: fileKeyProtector(join(dataDir, 'web-host.key')),
    env,
  });
  for (let i = 0; i < ACCOUNTS; i++) {
    const person = instagram.world.addPerson({ username: `creator.${i}`, accountType: 'MEDIA_CREATOR', tester: true });
    const started = await app.dispatch('accounts.connect', {});
    if (!started.ok) throw new Error(started.error.code);
    const { authorizeUrl } = started.value as { authorizeUrl: string };
    const result = await app.handleOAuthCallback(await consent(authorizeUrl, { username: person.username }));
    if (!result.ok) throw new Error(result.error.code);
  }
  await app.close();
});

afterAll(async () => {
  await instagram?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Makes every token due for refresh again: older in our records, and more than a day old at "Instagram". */
function ageTokens() {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
  db.prepare('UPDATE accounts SET token_issued_at = ?').run(Date.now() - 8 * DAY);
  db.close();
  instagram.world.advanceClock(2 * DAY);
}

/** Accounts whose refresh was committed in the last run. */
function storedRefreshes(): number {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
  const { n } = db.prepare('SELECT COUNT(*) AS n FROM accounts WHERE token_issued_at > ?').get(Date.now() - DAY) as { n: number };
  db.close();
  return n;
}

/** Opens every stored token the way the app would and asks "Instagram" whether it works. */
async function verifyEveryToken(): Promise<void> {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const vault = await Vault.open(new VaultKeysRepo(db), fileKeyProtector(join(dataDir, 'web-host.key')), new ManualClock(), silentLogger);
    const secrets = new SecretsRepo(db);
    const rows = db.prepare('SELECT id, username, token_expires_at FROM accounts').all() as { id: string; username: string; token_expires_at: number }[];
    expect(rows).toHaveLength(ACCOUNTS);
    for (const row of rows) {
      const sealed = secrets.get(row.id, TOKEN_PURPOSE);
      expect(sealed, row.username).not.toBeNull();
      const token = vault.open(sealed!);
      const me = await request(`${instagram.url}/me?fields=username&access_token=${encodeURIComponent(token)}`);
      expect(me.statusCode, row.username).toBe(200);
      expect(await me.body.json()).toEqual({ username: row.username });
      expect(row.token_expires_at).toBeGreaterThan(Date.now());
    }
  } finally {
    db.close();
  }
}

function runAndKill(killAfterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist-main/web.cjs', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (!killed && chunk.toString().includes('Postdeck web host:')) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`host exited on its own: ${code}`))));
    setTimeout(() => {
      if (!killed) child.kill('SIGKILL');
    }, 15_000);
  });
}

describe('killing the process in the middle of a refresh', () => {
  it(`loses no token across ${ROUNDS} SIGKILLs at random points`, async () => {
    instagram.world.addFault({ kind: 'latency', latencyMs: 40 });
    let stored = 0;
    let answered = 0;
    for (let round = 0; round < ROUNDS; round++) {
      ageTokens();
      instagram.world.clearRequestLog();
      await runAndKill(Math.floor(Math.random() * 150));
      await verifyEveryToken();
      answered += instagram.world.requestLog().filter((entry) => entry.path === '/refresh_access_token').length;
      stored += storedRefreshes();
    }
    // Refreshes really ran in the killed processes (some answered by "Instagram" may never have been stored).
    expect(stored).toBeGreaterThan(0);
    expect(answered).toBeGreaterThanOrEqual(stored);
  }, 120_000);
});
