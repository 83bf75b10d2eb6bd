import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../../src-main/app/types';
import { memoryKeyProtector } from '../../../src-main/vault/localProtectors';
import { startHarness, type Harness } from '../../helpers/harness';

// A collaborator that breaks the contract: app.info's keyProtectionWarning must be a string or null.
const driftingProtector = { ...memoryKeyProtector(), weaknessWarning: () => 42 as unknown as string };

let harness: Harness | null = null;

async function appInfo(overrides: Partial<AppConfig>) {
  harness = await startHarness({ overrides: { keyProtector: driftingProtector, ...overrides } });
  return { result: await harness.call('app.info'), logLines: harness.logLines };
}

describe('createApp contract check', () => {
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('is on by default outside production: a drifting output is internal_error and logged', async () => {
    const { result, logLines } = await appInfo({ env: { NODE_ENV: 'test' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(logLines.some((line) => line.includes('does not match its channel schema') && line.includes('keyProtectionWarning'))).toBe(true);
  });

  it('is off in production: the value passes through', async () => {
    expect((await appInfo({ env: { NODE_ENV: 'production' } })).result).toMatchObject({ ok: true, value: { keyProtectionWarning: 42 } });
  });

  it('is off when the host turns it off (a packaged desktop app)', async () => {
    expect((await appInfo({ env: {}, checkContract: false })).result).toMatchObject({ ok: true, value: { keyProtectionWarning: 42 } });
  });
});
