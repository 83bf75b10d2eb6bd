import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { MAIN_FOLDERS } from '../../../eslint.config.js';
import { describe, expect, it } from 'vitest';

// The layout rules of eslint.config.js, proven by linting snippets as if they lived in a given folder.
const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.js') });

async function restrictedImports(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

async function expectBlocked(code: string, file: string) {
  expect(await restrictedImports(code, file), `${file}: ${code}`).not.toEqual([]);
}

async function expectAllowed(code: string, file: string) {
  expect(await restrictedImports(code, file), `${file}: ${code}`).toEqual([]);
}

describe('layering (eslint.config.js)', () => {
  it('keeps electron inside src-main/electron/', async () => {
    await expectBlocked("import { app } from 'electron';", 'src-main/accounts/x.ts');
    await expectBlocked("import type { WebContents } from 'electron';", 'src-main/ipc/x.ts');
    await expectBlocked("import { app } from 'electron';", 'src-main/app/x.ts');
    await expectBlocked("import { app } from 'electron';", 'src-renderer/x.tsx');
    await expectBlocked("import { app } from 'electron';", 'src-shared/x.ts');
    await expectAllowed("import { app } from 'electron';", 'src-main/electron/x.ts');
  });

  it('keeps Node built-ins and the main process out of src-shared/ and src-renderer/', async () => {
    await expectBlocked("import fs from 'node:fs';", 'src-shared/x.ts');
    await expectBlocked("import { join } from 'path';", 'src-shared/x.ts');
    await expectBlocked("import { readFile } from 'fs/promises';", 'src-renderer/x.ts');
    await expectBlocked("import { randomBytes } from 'crypto';", 'src-renderer/x.ts');
    await expectBlocked("import { createApp } from '../src-main/app/createApp';", 'src-shared/x.ts');
    await expectBlocked("import { x } from '../../src-main/db/database';", 'src-renderer/stores/x.ts');
    await expectBlocked("import { x } from '../src-renderer/bridge';", 'src-shared/x.ts');
    await expectAllowed("import { z } from 'zod';", 'src-shared/x.ts');
    await expectAllowed("import { channels } from '../../src-shared/ipc';", 'src-renderer/stores/x.ts');
  });

  it('lets nothing in src-main import upward', async () => {
    await expectBlocked("import { AccountService } from '../accounts/service';", 'src-main/db/x.ts');
    await expectBlocked("import { handlers } from '../ipc/handlers';", 'src-main/accounts/x.ts');
    await expectBlocked("import { createApp } from '../app/createApp';", 'src-main/ipc/x.ts');
    await expectBlocked("import { x } from '../electron/urlPolicy';", 'src-main/app/x.ts');
    await expectBlocked("import { x } from '../db/database';", 'src-main/config/x.ts');
    await expectBlocked("import { x } from '../../accounts/service';", 'src-main/db/sub/x.ts');
    await expectBlocked("export { x } from '../accounts/service';", 'src-main/vault/x.ts');
    await expectAllowed("import { x } from '../config/clock';", 'src-main/db/x.ts');
    await expectAllowed("import { x } from '../db/secretsRepo';", 'src-main/vault/x.ts');
    await expectAllowed("import { JobsRepo } from '../db/jobsRepo';", 'src-main/jobs/x.ts');
    await expectAllowed("import { JobRunner } from '../jobs/runner';", 'src-main/publishing/x.ts');
    await expectBlocked("import { x } from '../publishing/scheduler';", 'src-main/jobs/x.ts');
    await expectAllowed("import { x } from '../config/timers';", 'src-main/ratelimit/x.ts');
    await expectBlocked("import { x } from '../accounts/service';", 'src-main/ratelimit/x.ts');
    await expectAllowed("import { readUsage } from '../ratelimit/usage';", 'src-main/instagram/x.ts');
    await expectAllowed("import { x } from '../accounts/service';", 'src-main/ipc/x.ts');
    await expectAllowed("import { createApp } from '../app/createApp';", 'src-main/electron/x.ts');
    await expectAllowed("import { channels } from '../../src-shared/ipc';", 'src-main/db/x.ts');
  });

  it('stands the hosts side by side on host/: none imports another, only an entry point composes them', async () => {
    const hosts = { electron: '../electron/cliMode', web: '../web/options', headless: '../headless/serve', cli: '../cli/main' };
    for (const [importer, own] of Object.entries(hosts)) {
      for (const [imported, module] of Object.entries(hosts)) {
        if (imported !== importer) await expectBlocked(`import { x } from '${module}';`, `src-main/${importer}/x.ts`);
      }
      await expectAllowed("import { acquireOwnerLock } from '../host/ownerLock';", `src-main/${importer}/x.ts`);
      await expectAllowed(`import { x } from '${own}';`, 'src-main/entries/x.ts');
    }
    await expectBlocked("import { runServe } from '../../headless/serve';", 'src-main/cli/sub/x.ts');
    await expectBlocked("import { x } from '../web/options';", 'src-main/host/x.ts');
    await expectBlocked("import { x } from '../entries/commandLine';", 'src-main/electron/x.ts');
    await expectBlocked("import { x } from '../host/ownerLock';", 'src-main/app/x.ts');
    await expectAllowed("import { createApp } from '../app/createApp';", 'src-main/host/x.ts');
  });

  it('keeps the sandbox on config/ only', async () => {
    await expectBlocked("import { x } from '../db/database';", 'src-main/sandbox/x.ts');
    await expectBlocked("import { x } from '../sandbox';", 'src-main/accounts/x.ts');
    await expectAllowed("import { x } from '../config/clock';", 'src-main/sandbox/x.ts');
    await expectAllowed("import { startSandbox } from '../sandbox';", 'src-main/app/x.ts');
  });

  it('names every folder of src-main/, so none escapes the layer rules', () => {
    const folders = readdirSync(path.join(root, 'src-main'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !MAIN_FOLDERS.includes(folder))).toEqual([]);
  });

  it('puts the features above the account door and below ipc/', async () => {
    await expectBlocked("import { x } from '../publishing/posts';", 'src-main/accounts/x.ts');
    await expectBlocked("import { x } from '../settings/service';", 'src-main/accounts/x.ts');
    await expectBlocked("import { x } from '../insights/service';", 'src-main/ratelimit/x.ts');
    await expectBlocked("import { x } from '../ipc/handlers';", 'src-main/transfer/x.ts');
    await expectBlocked("import { x } from '../../ipc/handlers';", 'src-main/comments/sub/x.ts');
    await expectAllowed("import { withAccount } from '../accounts/session';", 'src-main/comments/x.ts');
    await expectAllowed("import { x } from '../publishing/posts';", 'src-main/transfer/x.ts');
  });

  it('counts the steps up to src-main/, so a sub-folder of the same name is not a layer', async () => {
    await expectAllowed("import { x } from '../publishing/store';", 'src-main/sandbox/comments/x.ts');
    await expectBlocked("import { x } from '../../publishing/posts';", 'src-main/sandbox/comments/x.ts');
    await expectBlocked("import { x } from '../publishing/posts';", 'src-main/sandbox/x.ts');
    await expectBlocked("import { x } from '../../../src-main/accounts/service';", 'src-main/db/sub/x.ts');
  });
});
