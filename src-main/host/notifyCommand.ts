import { spawn } from 'node:child_process';
import type { Notifier } from '../accounts/alerts';
import type { Logger } from '../config/logger';

/** How long a notify command may run before it is stopped: a hung `curl` must not pile up. */
const NOTIFY_TIMEOUT_MS = 30_000;

function withoutPostdeckSettings(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('POSTDECK_')));
}

/**
 * Runs the user's notify command through the shell, with the text in POSTDECK_TITLE and POSTDECK_BODY
 * (never pasted into the command, so a caption cannot become shell code). Resolves when it exits 0.
 */
export function runNotifyCommand(command: string, text: { title: string; body: string }, env: Record<string, string | undefined> = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      shell: true,
      // What it prints joins serve's own output (the journal), where a failing `curl` can be read.
      stdio: ['ignore', 'inherit', 'inherit'],
      // Postdeck's own settings (an app secret among them) stay out of the user's command.
      env: { ...withoutPostdeckSettings(env), POSTDECK_TITLE: text.title, POSTDECK_BODY: text.body },
      timeout: NOTIFY_TIMEOUT_MS,
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(signal ? `stopped by ${signal}` : `exited ${code}`))));
  });
}

/**
 * What `serve` does where the desktop app would show a notification (a post waits for approval, an account
 * needs reconnecting, new comments): a warning in its log, and the POSTDECK_NOTIFY_COMMAND when set, e.g.
 * `curl --data-raw "$POSTDECK_TITLE: $POSTDECK_BODY" ntfy.sh/my-topic` (`--data-raw`: a title such as "@maya.makes needs reconnecting" would make `-d` read a file).
 */
export function serveNotifier(logger: Logger, command: string | undefined, run: typeof runNotifyCommand = runNotifyCommand): Notifier {
  return {
    notify(title, body) {
      logger.warn('notification', { title, body });
      if (!command) return;
      run(command, { title, body }).catch((error: unknown) => logger.warn('the notify command failed', { error: error instanceof Error ? error.message : String(error) }));
    },
  };
}
