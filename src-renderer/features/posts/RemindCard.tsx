import { useState } from 'react';
import type { Post } from '../../../src-shared/posts';
import { useStores } from '../../stores/context';
import { KIND_LABEL } from './describe';
import { MediaThumb } from './MediaThumb';
import { useMediaItems } from './useMediaItems';
import './composerExtras.css';

/**
 * A reminder that has come: the media ready to share from the phone (saved to this computer, or opened from
 * its address), the caption to copy, and the people to tag; "Mark as posted" sits with the post's actions.
 */
export function RemindCard({ post }: { post: Post }) {
  const { bridge } = useStores();
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const first = post.media[0];
  const fileId = first && 'mediaId' in first ? first.mediaId : null;
  const library = useMediaItems(fileId ? [fileId] : []);
  const file = fileId ? library[fileId] : undefined;
  const names = [...post.collaborators, ...post.userTags.map((tag) => tag.username), ...post.media.flatMap((item) => item.userTags ?? []).map((tag) => tag.username)];

  async function copyCaption() {
    try {
      await navigator.clipboard.writeText(post.caption);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="remind-card">
      <MediaThumb item={first} kind={post.kind} />
      <div className="remind-steps">
        <p className="remind-title">Post this {KIND_LABEL[post.kind]} from your phone</p>
        <div className="toolbar">
          {fileId && file?.kind === 'image' ? (
            // The library's full-size JPEG (1080 px), which is what Instagram shows.
            <a className="button button-secondary" href={bridge.mediaUrl({ mediaId: fileId, variant: 'large' })} download={`${file.name.replace(/\.[^.]+$/, '')}.jpg`}>
              Download the photo
            </a>
          ) : null}
          {first && 'url' in first ? (
            <a className="button button-secondary" href={first.url} target="_blank" rel="noopener noreferrer">
              Open the media
            </a>
          ) : null}
          {post.caption ? (
            <button type="button" className="button button-secondary" onClick={() => void copyCaption()}>
              Copy caption
            </button>
          ) : null}
        </div>
        {fileId && file?.kind === 'video' ? <p className="field-help">The video is {file.name}, on this computer: send it to your phone to post it.</p> : null}
        {copied ? (
          <p className="field-help" role="status">
            {copied === 'copied' ? 'Caption copied.' : 'This browser did not allow copying; select the caption and copy it.'}
          </p>
        ) : null}
        {names.length > 0 ? <p className="field-help">Tag {names.map((name) => `@${name}`).join(', ')} when you post it.</p> : null}
        <p className="field-help">Once it is on Instagram, press Mark as posted.</p>
      </div>
    </div>
  );
}
