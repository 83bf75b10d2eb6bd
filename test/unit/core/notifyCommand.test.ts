import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src-main/config/logger';
import { runNotifyCommand, serveNotifier } from '../../../src-main/headless/notifyCommand';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'postdeck-notify-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("serve's notifications", () => {
  it('runs the command with the text in POSTDECK_TITLE and POSTDECK_BODY, never as shell code, and without Postdeck settings', async () => {
    const out = join(dir, 'out.txt');
    const body = 'New loaf $(touch pwned) `id`; "quoted"';
    await runNotifyCommand(`printf '%s|%s|%s' "$POSTDECK_TITLE" "$POSTDECK_BODY" "\${POSTDECK_APP_SECRET:-none}" > '${out}'`, { title: 'A post is waiting for your approval', body }, {
      PATH: process.env.PATH,
      POSTDECK_APP_SECRET: 'app-secret-value',
    });
    expect(readFileSync(out, 'utf8')).toBe(`A post is waiting for your approval|${body}|none`);
    expect(() => readFileSync(join(dir, 'pwned'))).toThrow();
  });

  it('rejects when the command fails', async () => {
    await expect(runNotifyCommand('exit 3', { title: 't', body: 'b' })).rejects.toThrow('exited 3');
  });

  it('logs every notification as a warning, and a failing command too, without throwing', async () => {
    const lines: string[] = [];
    const logger = createLogger((line) => lines.push(line));
    let failed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (failed = resolve));
    const run = vi.fn(async () => {
      setImmediate(failed);
      throw new Error('exited 7');
    });
    serveNotifier(logger, 'notify-send "$POSTDECK_TITLE"', run).notify('@maya.makes needs reconnecting', 'Open Postdeck and click Reconnect on the account.');
    expect(run).toHaveBeenCalledWith('notify-send "$POSTDECK_TITLE"', { title: '@maya.makes needs reconnecting', body: 'Open Postdeck and click Reconnect on the account.' });
    await done;
    expect(lines.map((line) => JSON.parse(line) as { level: string; message: string })).toEqual([
      expect.objectContaining({ level: 'warn', message: 'notification' }),
      expect.objectContaining({ level: 'warn', message: 'the notify command failed' }),
    ]);
    serveNotifier(logger, undefined, run).notify('t', 'b');
    expect(run).toHaveBeenCalledTimes(1);
  });
});
