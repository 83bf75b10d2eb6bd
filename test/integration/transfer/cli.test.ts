import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../src-shared/models';
import { ManualClock } from '../../../src-main/config/manualClock';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { answerCli, cli } from '../../helpers/cli';
import { connectAs, startHarness, type Harness } from '../../helpers/harness';

let clock: ManualClock;
let sandbox: Sandbox;
let dir: string;
const stops: Array<() => Promise<void>> = [];

beforeEach(async () => {
  clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
  sandbox = await startSandbox({ clock, quiet: true });
  dir = mkdtempSync(join(tmpdir(), 'postdeck-transfer-cli-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const stop of stops.splice(0).reverse()) await stop();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An app that owns its data folder and answers the CLI on the folder's socket, as `serve` does. */
async function owner(): Promise<Harness> {
  const harness = await startHarness({ sandbox, clock });
  const stopAnswering = await answerCli(harness);
  stops.push(async () => {
    await stopAnswering();
    await harness.close();
  });
  return harness;
}

describe('postdeck export / import against two owners', () => {
  it('moves the account from one data folder to another; a wrong passphrase exits 1 with the code', async () => {
    const source = await owner();
    const connected = await connectAs(source, { username: 'maya.makes' });
    expect(connected.ok).toBe(true);
    const passphraseFile = join(dir, 'passphrase');
    writeFileSync(passphraseFile, 'a long export passphrase\n');
    const file = join(dir, 'move.pdx');

    const exported = await cli(source.dataDir, 'export', '--to', file, '--passphrase-file', passphraseFile, '--json');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({ path: file, accounts: 1, posts: 0, media: 0, messages: 0 });

    const target = await owner();
    writeFileSync(join(dir, 'wrong'), 'not the passphrase at all\n');
    const refused = await cli(target.dataDir, 'import', file, '--passphrase-file', join(dir, 'wrong'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('export_wrong_passphrase');

    const imported = await cli(target.dataDir, 'import', file, '--passphrase-file', passphraseFile, '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ accounts: { added: 1, updated: 0 }, posts: 0, media: 0, messages: 0 });
    const listed = await cli(target.dataDir, 'accounts', 'list', '--json');
    expect((JSON.parse(listed.stdout) as Account[]).map((account) => account.username)).toEqual(['maya.makes']);
  });
});
