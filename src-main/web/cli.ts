import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from '../app/createApp';
import type { PostdeckApp } from '../app/types';
import { systemClock } from '../config/clock';
import { createLogger } from '../config/logger';
import { fileKeyProtector } from '../vault/localProtectors';
import { parseWebHostArgs } from './options';
import { CALLBACK_PATH, createWebServer } from './server';

/** `npm run web`: the same services and handler table in plain Node, the built renderer on 127.0.0.1. */
async function main(): Promise<void> {
  const options = parseWebHostArgs(process.argv.slice(2));
  mkdirSync(options.dataDir, { recursive: true });
  const logger = createLogger((line) => process.stderr.write(`${line}\n`), { minLevel: process.env.POSTDECK_LOG_LEVEL === 'debug' ? 'debug' : 'warn' });
  const token = randomBytes(32).toString('base64url');
  let app: PostdeckApp | null = null;
  const server = createWebServer({ token, staticDir: resolve(__dirname, '..', 'dist', 'renderer'), logger: logger.child('web'), app: () => app });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', done);
  });
  const port = (server.address() as { port: number }).port;
  app = await createApp({
    host: 'web',
    version: POSTDECK_VERSION,
    dataDir: options.dataDir,
    clock: systemClock,
    logger,
    keyProtector: fileKeyProtector(join(options.dataDir, 'web-host.key')),
    env: process.env,
    webCallbackUrl: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    backgroundTimers: true,
  });
  process.stdout.write(`Postdeck web host: http://127.0.0.1:${port}/?token=${token}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
    await app?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const failure = error as { error?: { message: string; action?: string }; message?: string };
  process.stderr.write(`Postdeck web host could not start: ${failure.error ? `${failure.error.message} ${failure.error.action ?? ''}` : failure.message}\n`);
  process.exit(1);
});
