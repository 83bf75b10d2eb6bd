import { describe, expect, it, vi } from 'vitest';
import type { AppConfig, PostdeckApp } from '../../../src-main/app/types';
import { buildApp } from '../../../src-main/host/buildApp';

const config = { host: 'web' } as AppConfig;
const app = { info: () => ({}) } as unknown as PostdeckApp;
const damaged = new Error('database damaged');

describe('buildApp: building the app for a host', () => {
  it('builds again after the host puts a failed start right, and hands over the app', async () => {
    const create = vi.fn<(config: AppConfig) => Promise<PostdeckApp>>().mockRejectedValueOnce(damaged).mockResolvedValueOnce(app);
    const recover = vi.fn(async () => 'retry' as const);
    await expect(buildApp(config, create, recover)).resolves.toBe(app);
    expect(recover).toHaveBeenCalledWith(damaged);
    expect(create).toHaveBeenCalledTimes(2);
    expect(create).toHaveBeenLastCalledWith(config);
  });

  it("gives null when the user chooses to quit, and builds no more", async () => {
    const create = vi.fn(() => Promise.reject(damaged));
    await expect(buildApp(config, create, async () => 'quit')).resolves.toBeNull();
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('fails with what the host throws when it cannot put the start right', async () => {
    const create = vi.fn(() => Promise.reject(damaged));
    await expect(
      buildApp(config, create, async (error) => {
        throw error;
      }),
    ).rejects.toBe(damaged);
    expect(create).toHaveBeenCalledTimes(1);
  });
});
