/**
 * `npm run sandbox`: runs the sandbox alone. Options: `--port N` (or SANDBOX_PORT), `--redirect-uri URI`
 * (repeatable; registered for the default app; POSTDECK_IG_REDIRECT_URI is registered too when set),
 * `--data-shape` (token answer as `{data:[…]}`), `--quiet` (no per-request lines). Prints the address and the
 * per-run control token the `/__sandbox/*` API requires.
 * Bundled as CommonJS, so no top-level await here.
 */
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET, SANDBOX_OUTSIDE_MEDIA, startSandbox } from './index';

interface CliArgs {
  port: number;
  redirectUris: string[];
  dataShape: boolean;
  quiet: boolean;
}

function parseArgs(argv: string[]): CliArgs {
  const envRedirect = process.env.POSTDECK_IG_REDIRECT_URI;
  const args: CliArgs = { port: Number(process.env.SANDBOX_PORT ?? 0), redirectUris: envRedirect ? [envRedirect] : [], dataShape: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--port') args.port = Number(value());
    else if (arg === '--redirect-uri') args.redirectUris.push(value());
    else if (arg === '--data-shape') args.dataShape = true;
    else if (arg === '--quiet') args.quiet = true;
    else throw new Error(`Unknown argument ${arg}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('--port must be 0–65535');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const sandbox = await startSandbox({
    port: args.port,
    apps: [{ appId: SANDBOX_APP_ID, appSecret: SANDBOX_APP_SECRET, redirectUris: args.redirectUris, mode: 'development' }],
    tokenResponseShape: args.dataShape ? 'data' : 'flat',
    quiet: args.quiet,
    outsideMediaPerPerson: SANDBOX_OUTSIDE_MEDIA,
    ...(args.quiet ? {} : { onRequest: (e) => console.log(`${new Date().toISOString()} ${e.method} ${e.path} ${e.status || 'reset'}`) }),
  });
  console.log(`Postdeck sandbox: ${sandbox.url}`);
  console.log(`  Instagram App ID: ${SANDBOX_APP_ID}`);
  console.log(`  App secret:       ${SANDBOX_APP_SECRET}`);
  console.log(`  Redirect URIs:    ${args.redirectUris.join(', ') || '(none; POST /__sandbox/apps/redirect-uris to add)'}`);
  console.log(`  People:           ${sandbox.world.people().map((p) => p.username).join(', ')}`);
  console.log(`  Control token:    ${sandbox.controlToken} (send as "Authorization: Bearer …" to /__sandbox/*)`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!args.quiet) console.log(`\n${signal}: stopping sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Postdeck sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
