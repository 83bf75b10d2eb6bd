import { vi } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { silentLogger } from '../../src-main/config/logger';
import { listenLocalSocket } from '../../src-main/host/localSocket';
import { acquireOwnerLock } from '../../src-main/host/ownerLock';
import type { Harness } from './harness';

/** Runs `postdeck <argv>` against `dataDir` as a terminal would, and what it wrote to stdout and stderr. */
export async function cli(dataDir: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(argv, { POSTDECK_DATA_DIR: dataDir });
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Makes the app own its data folder and answer the CLI on the folder's socket, as `serve` does; returns what undoes that. */
export async function answerCli(harness: Harness): Promise<() => Promise<void>> {
  const lock = acquireOwnerLock(harness.dataDir, 'serve');
  const socket = await listenLocalSocket(lock.owner.socketPath, harness.app, silentLogger);
  return async () => {
    await socket.close();
    lock.release();
  };
}
