import type { PostMediaRef } from '../../src-shared/posts';
import { Failure } from '../config/failure';
import type { PostRecord } from '../db/postsRepo';
import type { MediaSource } from './mediaSource';

/**
 * Media the user already has at a public address: Instagram fetches it as it is, nothing to host or
 * release. Imported files go through the hosting the user set up (`files`), when there is one.
 */
export class PublicUrlSource implements MediaSource {
  constructor(private readonly files?: MediaSource) {}

  host(post: PostRecord, itemIndex: number, ref: PostMediaRef): Promise<string> {
    if ('url' in ref) return Promise.resolve(ref.url);
    if (!this.files) return Promise.reject(new Failure('media_unavailable', 'Imported files need media hosting: Settings → Media hosting.'));
    return this.files.host(post, itemIndex, ref);
  }

  release(post: PostRecord): Promise<void> {
    return this.files ? this.files.release(post) : Promise.resolve();
  }
}
