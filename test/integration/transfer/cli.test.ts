import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/models';
import { cli, cliWorkspace } from '../../helpers/cli';
import { connectAs } from '../../helpers/harness';

const workspace = cliWorkspace('postdeck-transfer-cli-');

describe('postdeck export / import against two owners', () => {
  it('moves the account from one data folder to another; a wrong passphrase exits 1 with the code', async () => {
    const source = await workspace.owner();
    const connected = await connectAs(source, { username: 'maya.makes' });
    expect(connected.ok).toBe(true);
    const passphraseFile = join(workspace.dir, 'passphrase');
    writeFileSync(passphraseFile, 'a long export passphrase\n');
    const file = join(workspace.dir, 'move.pdx');

    const exported = await cli(source.dataDir, 'export', '--to', file, '--passphrase-file', passphraseFile, '--json');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({ path: file, accounts: 1, posts: 0, media: 0, messages: 0 });

    const target = await workspace.owner();
    writeFileSync(join(workspace.dir, 'wrong'), 'not the passphrase at all\n');
    const refused = await cli(target.dataDir, 'import', file, '--passphrase-file', join(workspace.dir, 'wrong'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('export_wrong_passphrase');

    const imported = await cli(target.dataDir, 'import', file, '--passphrase-file', passphraseFile, '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ accounts: { added: 1, updated: 0 }, posts: 0, media: 0, messages: 0 });
    const listed = await cli(target.dataDir, 'accounts', 'list', '--json');
    expect((JSON.parse(listed.stdout) as Account[]).map((account) => account.username)).toEqual(['maya.makes']);
  });
});
