import { describe, expect, it, vi } from 'vitest';
import type { PostRecord } from '../../../src-main/db/postsRepo';
import { HostedMediaSource } from '../../../src-main/publishing/hostedMediaSource';

describe('imported files for a post', () => {
  const hostFor = () => {
    const file = vi.fn(async (mediaId: string) => ({ path: `/media/${mediaId}.jpg`, contentType: 'image/jpeg', bytes: 1 }));
    const source = new HostedMediaSource({
      publicUrls: { kind: 'none', publish: vi.fn(), release: vi.fn() } as never,
      files: () => ({ kind: 'tunnel', publish: async (local: { path: string }) => ({ url: `https://t.example/${local.path}`, ref: local.path }), release: vi.fn() }) as never,
      library: { file, cover: vi.fn() },
    });
    return { file, source };
  };

  it("takes the user's crop or pad choice, and a carousel's later photos follow the first one's aspect", async () => {
    const { file, source } = hostFor();
    const post = { id: 'p1', kind: 'carousel', media: [{ mediaId: 'first' }, { mediaId: 'second', fit: 'pad' }] } as unknown as PostRecord;
    await source.host(post, 0, post.media[0]!);
    await source.host(post, 1, post.media[1]!);
    expect(file.mock.calls).toEqual([
      ['first', { fit: 'crop' }],
      ['second', { fit: 'pad', aspectOf: 'first' }],
    ]);
    const single = { id: 'p2', kind: 'image', media: [{ mediaId: 'solo', fit: 'pad' }] } as unknown as PostRecord;
    await source.host(single, 0, single.media[0]!);
    expect(file).toHaveBeenLastCalledWith('solo', { fit: 'pad' });
  });
});
