import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, DATABASE_FILE } from '../app/createApp';
import type { PostdeckApp } from '../app/types';
import { systemClock } from '../config/clock';
import { createFileLogger } from '../config/fileLogger';
import { preparePrivateFolder } from '../config/privateFiles';
import { VaultKeysRepo } from '../db/vaultKeysRepo';
import { fileKeyProtector } from '../vault/localProtectors';
import { passphraseKeyProtector } from '../vault/passphraseProtector';
import type { KeyProtector } from '../vault/keyProtector';
import { CALLBACK_PATH } from '../host/apiServer';
import { listenForCallback, loopbackRedirect } from '../host/callbackServer';
import { ownerDataDir } from '../host/dataDir';
import { listenLocalSocket } from '../host/localSocket';
import { serveNotifier } from '../host/notifyCommand';
import { acquireOwnerLock } from '../host/ownerLock';
import { readPassphrase } from '../host/passphrase';
import type { ServeOptions } from '../host/processHost';

export const PASSPHRASE_KEY_FILE = 'serve-key.json';
export const INSECURE_KEY_FILE = 'serve-insecure.key';

export const INSECURE_KEY_WARNING =
  'WARNING: --insecure-key-file keeps the key that opens your Instagram tokens in a plain file beside them. ' +
  'Anyone who can read the data folder, or a backup of it, can use your accounts. Use a passphrase (POSTDECK_PASSPHRASE_FILE) instead.';

/**
 * `postdeck serve`: the app core with no window (scheduler, refresh sweep, whatever createApp starts),
 * owning its data folder (lock + local socket), logging to `<data>/logs/serve.log` and stdout.
 * SIGTERM/SIGINT let the step in flight finish and close the database; the next start resumes the jobs.
 */
export async function runServe(options: ServeOptions): Promise<void> {
  const dataDir = ownerDataDir(options.env);
  preparePrivateFolder(dataDir, DATABASE_FILE);
  // Before the database opens: a second owner must touch nothing.
  const lock = acquireOwnerLock(dataDir, 'serve');
  const cleanups: Array<() => Promise<void> | void> = [lock.release];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    refuseForeignKey(dataDir, options.insecureKeyFile ? 'file' : 'passphrase', options.host.sqliteNativeBinding);
    const keyProtector = await serveKeyProtector(dataDir, options);
    const logging = createFileLogger(join(dataDir, 'logs'), (line) => process.stdout.write(`${line}\n`), 'serve.log');
    cleanups.push(logging.close);
    const logger = logging.logger.child('serve');
    let app: PostdeckApp | null = null;
    const finish = (url: string) => app!.handleOAuthCallback(url);
    // The sandbox's redirect URI lands here; a live loopback redirect URI gets its own listener below.
    const callback = await listenForCallback({ port: 0, path: CALLBACK_PATH }, finish);
    cleanups.push(callback.close);
    app = await createApp({
      host: 'serve',
      version: options.version,
      dataDir,
      clock: systemClock,
      logger: logging.logger,
      keyProtector,
      env: options.env,
      webCallbackUrl: callback.url,
      backgroundTimers: true,
      notifier: serveNotifier(logger, options.env.POSTDECK_NOTIFY_COMMAND?.trim() || undefined),
      ...(options.host.sqliteNativeBinding ? { sqliteNativeBinding: options.host.sqliteNativeBinding } : {}),
    });
    const core = app;
    cleanups.push(() => core.close());
    const live = loopbackRedirect(core.info().liveConfig?.redirectUri ?? '');
    if (core.info().mode === 'live' && live) cleanups.push((await listenForCallback(live, finish)).close);
    const socket = await listenLocalSocket(lock.owner.socketPath, core, logger.child('socket'));
    cleanups.push(socket.close);
    if (keyProtector.id === 'file') logger.warn(INSECURE_KEY_WARNING);

    let stopping = false;
    options.host.onShutdown((reason) => {
      if (stopping) return;
      stopping = true;
      logger.info('stopping: finishing the step in flight', { reason });
      cleanUp().then(
        () => options.host.exit(0),
        (error: unknown) => {
          process.stderr.write(`Postdeck serve did not stop cleanly: ${String(error)}\n`);
          options.host.exit(1);
        },
      );
    });
    // Printed last: whoever reads this line may signal at once, and must find the handlers in place.
    process.stdout.write(`Postdeck serve: ${core.info().mode} mode, data ${dataDir}, socket ${lock.owner.socketPath}\n`);
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * A folder whose tokens another kind of key protects (the desktop app's OS keyring, say) would open with
 * every account locked as `keyring_changed`: refuse before touching it, and say how to move instead.
 */
function refuseForeignKey(dataDir: string, expected: 'file' | 'passphrase', nativeBinding: string | undefined): void {
  const sealedBy = storedKeyProtector(join(dataDir, DATABASE_FILE), nativeBinding);
  if (sealedBy === null || sealedBy === expected) return;
  const owner = sealedBy === 'safeStorage' ? "the desktop app's OS keyring" : sealedBy === 'passphrase' ? 'a passphrase' : `a ${sealedBy} key`;
  throw new Error(
    `The tokens in ${dataDir} are protected by ${owner}, which postdeck serve ${expected === 'file' ? 'with --insecure-key-file ' : ''}cannot open. ` +
      'Nothing was changed. Give serve its own folder (POSTDECK_DATA_DIR) and move your accounts there with `postdeck export` and `postdeck import`.',
  );
}

/** Which protector sealed the folder's master key, or null for a new (or unreadable, left to the app to report) database. */
function storedKeyProtector(databaseFile: string, nativeBinding: string | undefined): string | null {
  if (!existsSync(databaseFile)) return null;
  try {
    const db = new BetterSqlite3(databaseFile, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      return new VaultKeysRepo(db).latest()?.protector ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

async function serveKeyProtector(dataDir: string, options: ServeOptions): Promise<KeyProtector> {
  if (options.insecureKeyFile) {
    process.stderr.write(`${INSECURE_KEY_WARNING}\n`);
    return fileKeyProtector(join(dataDir, INSECURE_KEY_FILE));
  }
  const keyFile = join(dataDir, PASSPHRASE_KEY_FILE);
  const passphrase = await readPassphrase(options.env);
  // The first start seals the key: a typo then would lock the user out, so a typed passphrase is asked twice.
  if (!existsSync(keyFile) && !options.env.POSTDECK_PASSPHRASE_FILE?.trim() && (await readPassphrase(options.env, 'Type it again: ')) !== passphrase) {
    throw new Error('The two passphrases differ. Nothing was written; start again.');
  }
  return await passphraseKeyProtector(keyFile, passphrase);
}

