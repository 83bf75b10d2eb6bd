import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createApp, DATABASE_FILE } from '../app/createApp';
import type { PostdeckApp } from '../app/types';
import { systemClock } from '../config/clock';
import { isFailure } from '../config/failure';
import { createLogger } from '../config/logger';
import { preparePrivateFolder } from '../config/privateFiles';
import { moveDamagedDatabaseAside } from '../db/damagedDatabase';
import { buildApp } from '../host/buildApp';
import { listenLocalSocket } from '../host/localSocket';
import { acquireOwnerLock } from '../host/ownerLock';
import { nodeProcessHost } from '../host/processHost';
import { fileKeyProtector } from '../vault/localProtectors';
import { parseWebHostArgs } from './options';
import { CALLBACK_PATH, createWebServer } from '../host/apiServer';
import { startFailureText } from '../host/startFailure';

/** With --move-damaged-database (the user's confirmation), a damaged database is renamed aside and start-up tried once more. */
function moveDamagedOnce(moveDamaged: boolean): (error: unknown) => Promise<'retry'> {
  let moved = false;
  return async (error) => {
    const file = isFailure(error) && error.code === 'database_damaged' ? error.error.detail : undefined;
    if (!moveDamaged || !file || moved) throw error;
    moved = true;
    const files = moveDamagedDatabaseAside(file, systemClock);
    process.stderr.write(`Moved the damaged database aside: ${files.join(', ')}\n`);
    return 'retry';
  };
}

/** `npm run web`: the same services and handler table in plain Node, the built renderer on 127.0.0.1. */
async function main(): Promise<void> {
  const options = parseWebHostArgs(process.argv.slice(2));
  preparePrivateFolder(options.dataDir, DATABASE_FILE);
  // One owner per data folder (DESIGN.md §9): taken before the database opens, released on a clean stop.
  const lock = acquireOwnerLock(options.dataDir, 'web');
  process.on('exit', lock.release);
  const logger = createLogger((line) => process.stderr.write(`${line}\n`), { minLevel: process.env.POSTDECK_LOG_LEVEL === 'debug' ? 'debug' : 'warn' });
  const token = randomBytes(32).toString('base64url');
  let app: PostdeckApp | null = null;
  const server = createWebServer({ token, staticDir: resolve(__dirname, '..', 'dist', 'renderer'), logger: logger.child('web'), app: () => app });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', done);
  });
  const port = (server.address() as { port: number }).port;
  app = await buildApp(
    {
      host: 'web',
      version: POSTDECK_VERSION,
      dataDir: options.dataDir,
      clock: systemClock,
      logger,
      keyProtector: fileKeyProtector(join(options.dataDir, 'web-host.key')),
      env: process.env,
      webCallbackUrl: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
      backgroundTimers: true,
    },
    createApp,
    moveDamagedOnce(options.moveDamagedDatabase),
  );
  const socket = await listenLocalSocket(lock.owner.socketPath, app, logger.child('socket'));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
    await socket.close();
    await app?.close();
    nodeProcessHost.exit(0);
  };
  nodeProcessHost.onShutdown(() => void stop());
  // Printed last: whoever reads this line may signal at once, and must find the handlers in place.
  process.stdout.write(`Postdeck web host: http://127.0.0.1:${port}/?token=${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(startFailureText(error, 'Postdeck web host could not start', { canMoveDamaged: true }));
  process.exit(1);
});
