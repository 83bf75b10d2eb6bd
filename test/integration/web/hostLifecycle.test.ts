import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appError } from '../../../src-shared/errors';

const LINE = /^Postdeck web host: (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]{43})$/;
const dirs: string[] = [];

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
});

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function launch(args: string[], prepare: (dataDir: string) => void = () => {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'postdeck-host-'));
  dirs.push(dataDir);
  prepare(dataDir);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('POSTDECK_')));
  const child = spawn(process.execPath, ['dist-main/web.cjs', '--data-dir', dataDir, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = LINE.exec(stdout.trim());
      if (match) resolve(match);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { child, dataDir, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('the browser host process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints its one line, serves, and on %s closes the database cleanly', async (signal) => {
    const host = launch(['--port', '0']);
    const [, origin, , token] = await host.ready;
    const answer = await request(`${origin}/api/accounts.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await answer.body.json()).toEqual({ ok: true, value: [] });
    expect(host.output().stdout.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(host.dataDir, 'postdeck.db-wal'))).toBe(true);
    host.child.kill(signal);
    expect(await host.exited).toBe(0);
    // SQLite removes the WAL when the last connection closes cleanly.
    expect(existsSync(join(host.dataDir, 'postdeck.db-wal'))).toBe(false);
  });

  it('listens on the port it is given', async () => {
    const probe = launch(['--port', '0']);
    const port = Number((await probe.ready)[2]);
    probe.child.kill('SIGTERM');
    await probe.exited;
    const host = launch(['--port', String(port)]);
    expect(Number((await host.ready)[2])).toBe(port);
    host.child.kill('SIGTERM');
    expect(await host.exited).toBe(0);
  });

  it('refuses an unknown flag with a clear message', async () => {
    const host = launch(['--prot', '80']);
    await expect(host.ready).rejects.toThrow('Unknown option --prot');
    expect(await host.exited).toBe(1);
  });

  describe('with a damaged database', () => {
    const garbage = Buffer.from('not a database, just bytes\n'.repeat(100));
    const writeGarbage = (dataDir: string) => writeFileSync(join(dataDir, 'postdeck.db'), garbage);

    it('says so, names the file, says how to move it aside, exits non-zero, and leaves the file as it was', async () => {
      const host = launch([], writeGarbage);
      await expect(host.ready).rejects.toThrow('exited 1');
      expect(await host.exited).toBe(1);
      const { stdout, stderr } = host.output();
      const file = join(host.dataDir, 'postdeck.db');
      expect(stdout).toBe('');
      // The code first, as the CLI prints a refused call, so scripts and logs can match it.
      expect(stderr.startsWith(`database_damaged: ${appError('database_damaged').message}\nFile: ${file}\n`)).toBe(true);
      expect(stderr).toContain(appError('database_damaged').action);
      expect(stderr).toContain('--move-damaged-database');
      expect(readFileSync(file).equals(garbage)).toBe(true);
      expect(readdirSync(host.dataDir).filter((name) => name.startsWith('postdeck.db'))).toEqual(['postdeck.db']);
    });

    it('with --move-damaged-database, renames it aside (never deletes it) and starts with empty data', async () => {
      const host = launch(['--move-damaged-database'], writeGarbage);
      const [, origin, , token] = await host.ready;
      const answer = await request(`${origin}/api/accounts.list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await answer.body.json()).toEqual({ ok: true, value: [] });
      const aside = readdirSync(host.dataDir).filter((name) => name.startsWith('postdeck.db.damaged-'));
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(host.dataDir, aside[0]!)).equals(garbage)).toBe(true);
      expect(host.output().stderr).toContain('Moved the damaged database aside');
      host.child.kill('SIGTERM');
      expect(await host.exited).toBe(0);
    });
  });
});
