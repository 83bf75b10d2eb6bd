import { describe, expect, it, vi } from 'vitest';
import { MINUTE } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { Failure } from '../../../src-main/config/failure';
import { MediaReachability } from '../../../src-main/publishing/mediaReachability';

function rig(inSandbox = false) {
  const clock = new ManualClock();
  const hosting = { check: vi.fn(async () => undefined), publicUrls: { verify: vi.fn(async (_url: string) => undefined) } };
  const reachability = new MediaReachability({ hosting: hosting as never, clock, inSandbox: () => inSandbox });
  return { clock, hosting, reachability };
}

describe('MediaReachability: can Instagram fetch the media, before anything is scheduled', () => {
  it('fetches each pasted link', async () => {
    const { hosting, reachability } = rig();
    await reachability.verify([{ url: 'https://cdn.example/a.jpg' }, { url: 'https://cdn.example/b.jpg' }]);
    expect(hosting.publicUrls.verify.mock.calls.map(([url]) => url)).toEqual(['https://cdn.example/a.jpg', 'https://cdn.example/b.jpg']);
    expect(hosting.check).not.toHaveBeenCalled();
  });

  it('checks the hosting for imported files, once per ten minutes', async () => {
    const { clock, hosting, reachability } = rig();
    await reachability.verify([{ mediaId: 'm1' }]);
    clock.advance(9 * MINUTE);
    await reachability.verify([{ mediaId: 'm2' }]);
    expect(hosting.check).toHaveBeenCalledTimes(1);
    clock.advance(2 * MINUTE);
    await reachability.verify([{ mediaId: 'm3' }]);
    expect(hosting.check).toHaveBeenCalledTimes(2);
  });

  it('passes on what is wrong, and a failed check is not remembered as a pass', async () => {
    const { hosting, reachability } = rig();
    hosting.check.mockRejectedValueOnce(new Failure('hosting_tunnel_unreachable'));
    await expect(reachability.verify([{ mediaId: 'm1' }])).rejects.toMatchObject({ code: 'hosting_tunnel_unreachable' });
    await reachability.verify([{ mediaId: 'm1' }]);
    expect(hosting.check).toHaveBeenCalledTimes(2);
  });

  it('asks nothing in sandbox mode, where the sandbox hosts media itself', async () => {
    const { hosting, reachability } = rig(true);
    await reachability.verify([{ url: 'https://cdn.example/a.jpg' }, { mediaId: 'm1' }]);
    expect(hosting.publicUrls.verify).not.toHaveBeenCalled();
    expect(hosting.check).not.toHaveBeenCalled();
  });
});
