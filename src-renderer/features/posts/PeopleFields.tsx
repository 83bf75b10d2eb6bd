import type { PostKind, UserTag } from '../../../src-shared/posts';
import { instagramLimits } from '../../../src-shared/publishingRules';
import { UsernameChips } from './UsernameChips';

/** Up to 3 accounts invited to share the post: it shows on their profiles too once they accept. */
export function CollaboratorsField({ values, error, onChange }: { values: string[]; error: string | undefined; onChange(values: string[]): void }) {
  return (
    <UsernameChips
      label="Collaborators (optional)"
      listLabel="Collaborators invited"
      help="Instagram invites them to share the post; once they accept it shows on their profiles and their followers see it too."
      values={values}
      max={instagramLimits.collaborators}
      what="collaborators"
      error={error}
      onChange={onChange}
    />
  );
}

/** People tagged on a Reel or a Story: by username (Instagram places them itself). */
export function TaggedByNameField({ kind, tags, error, onChange }: { kind: PostKind; tags: UserTag[]; error: string | undefined; onChange(tags: UserTag[]): void }) {
  return (
    <UsernameChips
      label="Tag people (optional)"
      listLabel="People tagged"
      help={`People tagged on the ${kind === 'story' ? 'Story' : 'Reel'} by username; Instagram tells them.`}
      values={tags.map((tag) => tag.username)}
      max={instagramLimits.userTagsPerItem}
      what="people tagged"
      error={error}
      onChange={(names) => onChange(names.map((username) => tags.find((tag) => tag.username === username) ?? { username }))}
    />
  );
}
