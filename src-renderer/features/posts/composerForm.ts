import type { Account } from '../../../src-shared/models';
import { mediaUrlProblem } from '../../../src-shared/mediaHosting';
import { captionProblems, instagramLimits } from '../../../src-shared/publishingRules';
import { isBeyondHorizon, isPastSlot, type CreatePostInput, type Post, type PostKind, type PostMediaRef, type PublishMode, type ReelCover, type UpdatePostInput } from '../../../src-shared/posts';
import { isoToLocalInput, localInputToIso } from '../../lib/localTime';

/**
 * The composer's fields as the user edits them. `when` is the datetime-local value (local wall time).
 * Alt text lives on each media item (a carousel's slides each have their own).
 */
export interface ComposerForm {
  accountId: string;
  kind: PostKind;
  media: PostMediaRef[];
  caption: string;
  firstComment: string;
  when: string;
  mode: PublishMode;
  /** A Reel's cover; null lets Instagram pick a frame. Ignored for other kinds. */
  reelCover: ReelCover | null;
}

/** How the first comment's limits name it ("The first comment has 31 hashtags"). */
export const FIRST_COMMENT = 'first comment';

/** What the user asked for: keep it as a draft, put it on the schedule, or send it now. */
export type Intent = 'draft' | 'schedule' | 'publishNow';

export type FormField = 'accountId' | 'media' | `media:${number}` | 'cover' | 'caption' | 'firstComment' | 'when';
export type FormProblems = Partial<Record<FormField, string>>;

type AccountChoice = Pick<Account, 'id' | 'defaultMode'>;

/** A new post starts with its account's default mode. */
export function emptyForm(account: AccountChoice | undefined, when: string): ComposerForm {
  const mode = account?.defaultMode ?? 'automatic';
  return { accountId: account?.id ?? '', kind: 'image', media: [{ url: '' }], caption: '', firstComment: '', when, mode, reelCover: null };
}

/** Picking another account brings its default mode, unless the user already chose one for this post. */
export function withAccount(form: ComposerForm, account: AccountChoice, modeChosen: boolean): ComposerForm {
  return { ...form, accountId: account.id, mode: modeChosen ? form.mode : account.defaultMode };
}

export function formFromPost(post: Post, fallbackWhen: string): ComposerForm {
  return {
    accountId: post.accountId ?? '',
    kind: post.kind,
    media: withLegacyAltText(post),
    caption: post.caption,
    firstComment: post.firstComment ?? '',
    when: post.scheduledAt ? isoToLocalInput(post.scheduledAt) : fallbackWhen,
    mode: post.mode,
    reelCover: post.reelCover,
  };
}

/** A post saved with one post-wide alt text shows it on its first slide, where it applies (it is saved there from then on). */
function withLegacyAltText(post: Post): PostMediaRef[] {
  if (post.media.length === 0) return [{ url: '' }];
  const [first, ...rest] = post.media;
  return post.altText && !first!.altText && post.kind !== 'reel' ? [{ ...first!, altText: post.altText }, ...rest] : post.media;
}

/** Whether two forms hold the same values (what makes a composer's changes unsaved). */
export function sameForm(a: ComposerForm, b: ComposerForm): boolean {
  return (Object.keys(a) as Array<keyof ComposerForm>).every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

/** How many media fields a kind shows: one for an image or a Reel, 2 to 10 for a carousel. */
export function mediaForKind(kind: PostKind, media: PostMediaRef[]): PostMediaRef[] {
  if (kind !== 'carousel') return media.slice(0, 1);
  const items = media.slice(0, instagramLimits.carouselMaxItems);
  while (items.length < instagramLimits.carouselMinItems) items.push({ url: '' });
  return items;
}

/**
 * Imported files into the media list: one replaces an image's or Reel's media; a carousel's fill its
 * empty slots in order, then join the end, up to Instagram's 10.
 */
export function placeImported(kind: PostKind, media: PostMediaRef[], mediaIds: string[]): PostMediaRef[] {
  if (mediaIds.length === 0) return media;
  if (kind !== 'carousel') return [{ mediaId: mediaIds[0]! }];
  const items = [...mediaForKind(kind, media)];
  const queue = [...mediaIds];
  for (let index = 0; index < items.length && queue.length > 0; index++) {
    const item = items[index]!;
    if ('url' in item && item.url.trim() === '') items[index] = { mediaId: queue.shift()! };
  }
  for (const mediaId of queue) items.push({ mediaId });
  return items.slice(0, instagramLimits.carouselMaxItems);
}

/** The same form with another kind, its media list fitted to it. */
export function withKind(form: ComposerForm, kind: PostKind): ComposerForm {
  return { ...form, kind, media: mediaForKind(kind, form.media) };
}

/**
 * Everything Instagram would refuse, by field, before anything is sent. The main process checks again;
 * this is so the creator sees it while typing rather than after pressing a button.
 */
/** Why a slot cannot be scheduled, as the form says it; the service refuses the same slots. */
export function slotProblem(at: number, now: number): string | null {
  if (isPastSlot(at, now)) return 'That time has already passed; choose a later one.';
  if (isBeyondHorizon(at, now)) return 'That time is more than two years ahead; choose a date within the next two years.';
  return null;
}

export function formProblems(form: ComposerForm, intent: Intent, now: number): FormProblems {
  const problems: FormProblems = {};
  // A draft can be an idea: no account and no media yet, only what was written.
  const draft = intent === 'draft';
  if (!form.accountId && !draft) problems.accountId = 'Choose the account to publish to.';
  const media = mediaForKind(form.kind, form.media);
  media.forEach((item, index) => {
    const problem = 'url' in item && !(draft && isEmptyLink(item)) ? mediaUrlProblem(item.url) : null;
    if (problem) problems[`media:${index}`] = problem;
  });
  if (form.kind === 'reel' && form.reelCover && 'mediaId' in form.reelCover && !form.reelCover.mediaId) {
    problems.cover = 'Choose the cover photo, or let Instagram pick a frame.';
  }
  const captionError = captionProblems(form.caption).find((p) => p.severity === 'error');
  if (captionError) problems.caption = captionError.message;
  const commentError = captionProblems(form.firstComment, FIRST_COMMENT).find((p) => p.severity === 'error');
  if (commentError) problems.firstComment = commentError.message;
  if (intent === 'schedule') {
    const iso = localInputToIso(form.when);
    const problem = iso ? slotProblem(Date.parse(iso), now) : 'Choose the date and time to publish.';
    if (problem) problems.when = problem;
  }
  return problems;
}

/** Addresses trimmed; alt text trimmed, and left out when empty or on a Reel (Instagram takes none for videos). */
function mediaToSave(form: ComposerForm): PostMediaRef[] {
  return mediaForKind(form.kind, form.media).map(({ altText, ...item }) => {
    const ref: PostMediaRef = 'url' in item ? { ...item, url: item.url.trim() } : item;
    const alt = form.kind === 'reel' ? '' : (altText ?? '').trim();
    return alt ? { ...ref, altText: alt } : ref;
  });
}

function isEmptyLink(item: PostMediaRef): boolean {
  return 'url' in item && item.url.trim() === '';
}

/** A draft leaves out the media fields still empty; scheduling sends them, for the service to refuse by name. */
function sharedFields(form: ComposerForm, intent: Intent) {
  const media = mediaToSave(form).filter((item) => intent !== 'draft' || !isEmptyLink(item));
  return { caption: form.caption, media, mode: form.mode, ...(form.kind === 'reel' && form.reelCover ? { reelCover: form.reelCover } : {}) };
}

/** `posts.create`: a draft (no time) for 'draft' and 'publishNow' (published right after), scheduled otherwise. */
export function toCreateInput(form: ComposerForm, intent: Intent): CreatePostInput {
  const scheduledAt = intent === 'schedule' ? localInputToIso(form.when) : null;
  return {
    ...(form.accountId ? { accountId: form.accountId } : {}),
    kind: form.kind,
    ...sharedFields(form, intent),
    ...(form.firstComment.trim() ? { firstComment: form.firstComment.trim() } : {}),
    ...(scheduledAt ? { scheduledAt } : {}),
  };
}

/**
 * `posts.update` for an existing post, as of the version the editor opened (a post changed since is refused,
 * not overwritten). 'draft' takes it off the schedule; 'publishNow' leaves the time alone (publishing follows
 * as its own call). An idea takes the account and kind chosen now.
 */
export function toUpdateInput(post: Pick<Post, 'id' | 'version' | 'accountId' | 'status'>, form: ComposerForm, intent: Intent): UpdatePostInput {
  const input: UpdatePostInput = {
    postId: post.id,
    expectedVersion: post.version,
    ...(post.accountId === null && form.accountId ? { accountId: form.accountId } : {}),
    ...(post.status === 'draft' ? { kind: form.kind } : {}),
    ...sharedFields(form, intent),
    // Each item carries its own now; a post-wide one from before moved onto its first slide.
    altText: null,
    firstComment: form.firstComment.trim() || null,
    reelCover: form.kind === 'reel' ? form.reelCover : null,
  };
  if (intent === 'draft') input.scheduledAt = null;
  if (intent === 'schedule') input.scheduledAt = localInputToIso(form.when);
  return input;
}
