import { afterEach } from 'vitest';
import type { Account } from '../../src-shared/models';
import type { AppConfig } from '../../src-main/app/types';
import type { ManualClock } from '../../src-main/config/manualClock';
import { startSandbox, type Sandbox } from '../../src-main/sandbox';
import { startConnected, type Harness } from './harness';

/**
 * For a test file whose apps each talk to a sandbox of their own, seeded with `outside` media per person
 * published in the Instagram app: starts one connected, and closes the app and its sandbox after each test.
 * `prepare` changes the sandbox before the connect (adds a person, say).
 */
export function connectedWithOwnSandbox(): (options: {
  clock: ManualClock;
  outside: number;
  overrides?: Partial<AppConfig>;
  username?: string;
  prepare?: (sandbox: Sandbox) => void;
}) => Promise<{ h: Harness; account: Account }> {
  let started: { harness: Harness | null; sandbox: Sandbox | null } = { harness: null, sandbox: null };
  afterEach(async () => {
    await started.harness?.close();
    await started.sandbox?.close();
    started = { harness: null, sandbox: null };
  });
  return async ({ clock, outside, overrides, username, prepare }) => {
    const sandbox = await startSandbox({ clock, quiet: true, outsideMediaPerPerson: outside });
    started.sandbox = sandbox;
    prepare?.(sandbox);
    const connected = await startConnected({ clock, sandbox, ...(overrides ? { overrides } : {}) }, username);
    started.harness = connected.h;
    return connected;
  };
}
