import { useState } from 'react';
import type { Post } from '../../../src-shared/posts';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStores } from '../../stores/context';
import { KIND_LABEL } from './describe';
import { useMediaItems } from './useMediaItems';
import { useRevealMedia } from './useRevealMedia';
import './composerExtras.css';

type Copied = { what: string; ok: boolean };

/**
 * A reminder that has come: the media ready to share from the phone (saved from the library: a download in
 * the browser, the Save dialog on the desktop, which can also show the file in its folder; or the address it
 * was given), the caption to copy and the
 * people to tag. "Mark as posted" sits with the post's actions.
 */
export function RemindCard({ post }: { post: Post }) {
  const { bridge } = useStores();
  const [copied, setCopied] = useState<Copied | null>(null);
  const first = post.media[0];
  const fileId = first && 'mediaId' in first ? first.mediaId : null;
  const library = useMediaItems(fileId ? [fileId] : []);
  const file = fileId ? library[fileId] : undefined;
  const revealer = useRevealMedia();
  const names = [...post.collaborators, ...post.userTags.map((tag) => tag.username), ...post.media.flatMap((item) => item.userTags ?? []).map((tag) => tag.username)];

  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied({ what, ok: true });
    } catch {
      setCopied({ what, ok: false });
    }
  }

  return (
    <div className="remind-card">
      <div className="remind-steps">
        <p className="remind-title">Post this {KIND_LABEL[post.kind]} from your phone</p>
        <div className="toolbar">
          {fileId && file ? (
            // A photo as the library's 1080-pixel JPEG (what Instagram shows); a video as it is.
            <a
              className="button button-secondary"
              href={bridge.mediaUrl({ mediaId: fileId, variant: file.kind === 'image' ? 'large' : 'video' })}
              download={file.kind === 'image' ? `${file.name.replace(/\.[^.]+$/, '')}.jpg` : file.name}
            >
              {file.kind === 'image' ? 'Download the photo' : 'Download the video'}
            </a>
          ) : null}
          {fileId && file && revealer ? (
            <button type="button" className="button button-secondary" onClick={() => revealer.reveal(fileId)}>
              Show in folder
            </button>
          ) : null}
          {first && 'url' in first ? (
            <button type="button" className="button button-secondary" onClick={() => void copy(first.url, 'The media’s address')}>
              Copy the media’s address
            </button>
          ) : null}
          {post.caption ? (
            <button type="button" className="button button-secondary" onClick={() => void copy(post.caption, 'The caption')}>
              Copy caption
            </button>
          ) : null}
        </div>
        {copied ? (
          <p className="field-help" role="status">
            {copied.ok ? `${copied.what} is copied.` : `${copied.what} could not be copied here; select it and copy it.`}
          </p>
        ) : null}
        {revealer?.problem ? <ErrorNotice error={revealer.problem} /> : null}
        {names.length > 0 ? <p className="field-help">Tag {names.map((name) => `@${name}`).join(', ')} when you post it.</p> : null}
        <p className="field-help">Once it is on Instagram, press Mark as posted.</p>
      </div>
    </div>
  );
}
