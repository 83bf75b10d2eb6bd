import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src-main/config/logger';
import { runNotifyCommand, serveNotifier } from '../../../src-main/host/notifyCommand';

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

  /** The README's example commands: the shell one in the text and the systemd unit's (quotes escaped). */
  function readmeExamples(): string[] {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    const inText = [...readme.matchAll(/`POSTDECK_NOTIFY_COMMAND='([^']+)'`/g)].map((match) => match[1]!);
    const inUnit = [...readme.matchAll(/Environment="POSTDECK_NOTIFY_COMMAND=((?:[^"\\]|\\.)+)"/g)].map((match) => match[1]!.replace(/\\"/g, '"'));
    return [...inText, ...inUnit];
  }

  const hasCurl = (() => {
    try {
      execFileSync('curl', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasCurl)("the README's curl examples deliver a reconnect alert, whose title starts with @", async () => {
    const received: string[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const topic = `http://127.0.0.1:${(server.address() as AddressInfo).port}/my-topic`;
      const examples = readmeExamples();
      expect(examples).toHaveLength(2);
      const alert = { title: '@maya.makes needs reconnecting', body: 'Open Postdeck and click Reconnect on the account.' };
      for (const example of examples) await runNotifyCommand(example.replace('ntfy.sh/my-topic', topic), alert, { PATH: process.env.PATH });
      expect(received).toEqual([`${alert.title}: ${alert.body}`, `${alert.title}: ${alert.body}`]);
    } finally {
      server.close();
    }
  });
});
