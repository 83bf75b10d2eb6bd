import { useId, useState } from 'react';
import type { CSSProperties, MouseEvent } from 'react';
import type { PhotoUserTag } from '../../../src-shared/posts';
import { UsernameEntry } from './UsernameChips';
import { CENTRE, limitReached, PHOTO_TAGS_LIMIT, PHOTO_TAGS_WHAT, tagPlace, tagPointFromClick, tagPosition } from './tagging';
import './composerExtras.css';

interface TagsProps {
  tags: readonly PhotoUserTag[];
  /** Names the photo in labels: "the photo", "slide 2". */
  photoName: string;
  onChange(tags: PhotoUserTag[]): void;
}

const add = (tags: readonly PhotoUserTag[], tag: PhotoUserTag) => [...tags, tag];
const without = (tags: readonly PhotoUserTag[], username: string) => tags.filter((tag) => tag.username !== username);
const names = (tags: readonly PhotoUserTag[]) => tags.map((tag) => tag.username);

/**
 * Over the preview's picture: a click places a tag there and asks for the username in a small popover; each
 * tag is a pill at its spot with its own remove button. The keyboard's way in is the list beside the slide.
 */
export function UserTagLayer({ tags, photoName, onChange }: TagsProps) {
  const [draft, setDraft] = useState<{ x: number; y: number } | null>(null);
  const [full, setFull] = useState(false);

  function place(event: MouseEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget) return;
    if (tags.length >= PHOTO_TAGS_LIMIT) {
      setFull(true);
      return;
    }
    setDraft(tagPointFromClick(event.clientX, event.clientY, event.currentTarget.getBoundingClientRect()));
  }

  return (
    <div className="tag-layer" data-testid={`tag-layer-${photoName}`} title={`Click to tag someone on ${photoName}`} onClick={place}>
      {tags.map((tag) => (
        <span key={tag.username} className="tag-pill" style={tagPosition(tag)}>
          @{tag.username}
          {/* The list beside the slide is the keyboard's way to remove it; here it is for the mouse. */}
          <button type="button" tabIndex={-1} className="tag-pill-remove" aria-label={`Remove the tag of @${tag.username} on ${photoName}`} onClick={() => onChange(without(tags, tag.username))}>
            <span aria-hidden="true">✕</span>
          </button>
        </span>
      ))}
      {draft ? (
        <TagPopover
          at={draft}
          tags={tags}
          photoName={photoName}
          onAdd={(tag) => {
            onChange(add(tags, tag));
            setDraft(null);
          }}
          onClose={() => setDraft(null)}
        />
      ) : null}
      {full && tags.length >= PHOTO_TAGS_LIMIT ? (
        <p className="tag-layer-full" role="status">
          {limitReached(PHOTO_TAGS_LIMIT, PHOTO_TAGS_WHAT)}
        </p>
      ) : null}
    </div>
  );
}

/** The username for a tag placed by a click, typed where it was placed. */
function TagPopover({ at, tags, photoName, onAdd, onClose }: { at: { x: number; y: number }; tags: readonly PhotoUserTag[]; photoName: string; onAdd(tag: PhotoUserTag): void; onClose(): void }) {
  const id = useId();
  const above = at.y > 0.6;
  // Below the spot, or above it in the lower part of the picture; CSS keeps it within the picture's sides.
  const style: CSSProperties & Record<'--tag-x', number> = { '--tag-x': at.x, ...(above ? { bottom: `${(1 - at.y) * 100}%` } : { top: `${at.y * 100}%` }) };
  return (
    <div
      className={`tag-popover${above ? ' tag-popover-above' : ''}`}
      style={style}
      role="dialog"
      aria-label={`Tag someone on ${photoName}`}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <label htmlFor={id}>Username</label>
      <UsernameEntry id={id} existing={names(tags)} max={PHOTO_TAGS_LIMIT} what={PHOTO_TAGS_WHAT} buttonLabel="Tag" autoFocus onAdd={(username) => onAdd({ username, ...at })} />
      <button type="button" className="button button-quiet tag-popover-cancel" onClick={onClose}>
        Cancel
      </button>
    </div>
  );
}

/**
 * The same tags as a list beside the slide: each with where it sits and a remove button, and a username field
 * that tags someone in the middle of the photo, so no mouse is needed.
 */
export function PhotoTagList({ tags, photoName, onChange }: TagsProps) {
  const id = useId();
  const full = tags.length >= PHOTO_TAGS_LIMIT;
  return (
    <div className="photo-tags">
      <label htmlFor={id}>Tag people on {photoName}</label>
      <p id={`${id}-help`} className="field-help">
        {full ? limitReached(PHOTO_TAGS_LIMIT, PHOTO_TAGS_WHAT) : 'Click the preview where someone is, or type a username here to tag them in the middle.'}
      </p>
      {tags.length > 0 ? (
        <ul className="chips" aria-label={`People tagged on ${photoName}`}>
          {tags.map((tag) => (
            <li key={tag.username} className="chip">
              @{tag.username} <span className="muted">· {tagPlace(tag)}</span>
              <button type="button" className="chip-remove" aria-label={`Remove the tag of @${tag.username} on ${photoName}`} onClick={() => onChange(without(tags, tag.username))}>
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <UsernameEntry id={id} existing={names(tags)} max={PHOTO_TAGS_LIMIT} what={PHOTO_TAGS_WHAT} helpId={`${id}-help`} buttonLabel="Tag" onAdd={(username) => onChange(add(tags, { username, ...CENTRE }))} />
    </div>
  );
}
