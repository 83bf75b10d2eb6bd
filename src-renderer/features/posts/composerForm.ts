import type { Account } from '../../../src-shared/models';
import { mediaUrlProblem } from '../../../src-shared/mediaHosting';
import { captionProblems, instagramLimits, taggingProblems, type Problem, type ProblemCode } from '../../../src-shared/publishingRules';
import { isBeyondHorizon, isPastSlot, type CreatePostInput, type Post, type PostKind, type PostMediaRef, type PublishMode, type ReelCover, type TrialReel, type UpdatePostInput, type UserTag } from '../../../src-shared/posts';
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
  /** Usernames invited as collaborators; kept while a Story is chosen, sent only for the kinds that take them. */
  collaborators: string[];
  /** People tagged on a Reel or a Story, by name (a photo's tags are on its media item). */
  userTags: UserTag[];
  /** Reel options, sent for Reels only. */
  shareToFeed: boolean;
  audioName: string;
  trialReel: TrialReel | null;
}

/** Kinds with a caption, a first comment and collaborators (Instagram shows none of them on a Story). */
export const hasCaption = (kind: PostKind) => kind !== 'story';
/** Kinds whose people are tagged on each photo at a spot; the others tag by name on the post. */
export const tagsOnPhotos = (kind: PostKind) => kind === 'image' || kind === 'carousel';

/** How the first comment's limits name it ("The first comment has 31 hashtags"). */
export const FIRST_COMMENT = 'first comment';

/** What the user asked for: keep it as a draft, put it on the schedule, or send it now. */
export type Intent = 'draft' | 'schedule' | 'publishNow';

export type FormField = 'accountId' | 'media' | `media:${number}` | 'cover' | 'caption' | 'firstComment' | 'when' | 'mode' | 'collaborators' | 'userTags';
export type FormProblems = Partial<Record<FormField, string>>;

type AccountChoice = Pick<Account, 'id' | 'defaultMode'>;

type Extras = Pick<ComposerForm, 'collaborators' | 'userTags' | 'shareToFeed' | 'audioName' | 'trialReel'>;
/** No collaborators or tags, and Instagram's defaults for a Reel. */
const noExtras = (): Extras => ({ collaborators: [], userTags: [], shareToFeed: true, audioName: '', trialReel: null });

/** A new post starts with its account's default mode. */
export function emptyForm(account: AccountChoice | undefined, when: string): ComposerForm {
  const mode = account?.defaultMode ?? 'automatic';
  return { accountId: account?.id ?? '', kind: 'image', media: [{ url: '' }], caption: '', firstComment: '', when, mode, reelCover: null, ...noExtras() };
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
    collaborators: post.collaborators,
    userTags: post.userTags,
    shareToFeed: post.shareToFeed,
    audioName: post.audioName ?? '',
    trialReel: post.trialReel,
  };
}

/** A form kept on this computer by an older Postdeck lacks the newer fields: they take their defaults. */
export function withFormDefaults(kept: ComposerForm): ComposerForm {
  return { ...noExtras(), ...kept };
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

/**
 * The same form with another kind, its media list fitted to it. A Story's "Remind me" (chosen because Instagram
 * would not publish it) goes back to `defaultMode` when it becomes a kind Postdeck can publish.
 */
export function withKind(form: ComposerForm, kind: PostKind, defaultMode: PublishMode = 'automatic'): ComposerForm {
  const mode = form.kind === 'story' && kind !== 'story' && form.mode === 'remind' ? defaultMode : form.mode;
  return { ...form, kind, mode, media: mediaForKind(kind, form.media) };
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

/** What the composer says, and scheduling is refused with, when a Story would go out from a Creator account. */
export function storyNeedsBusiness(username: string): string {
  return `Instagram publishes Stories only for Business accounts, and @${username} is a Creator account. Choose "Remind me": Postdeck reminds you at that time with the media ready to post from your phone.`;
}

const COLLABORATOR_PROBLEMS: readonly ProblemCode[] = ['username_invalid', 'too_many_collaborators', 'collaborators_not_allowed'];
const TAG_PROBLEMS: readonly ProblemCode[] = ['username_invalid', 'too_many_user_tags', 'user_tags_misplaced', 'user_tag_position'];

function firstError(problems: readonly Problem[], codes: readonly ProblemCode[]): string | null {
  return problems.find((problem) => problem.severity === 'error' && codes.includes(problem.code))?.message ?? null;
}

/** `account`: the chosen account, when it is known (a Story needs a Business account unless it is a reminder). */
export function formProblems(form: ComposerForm, intent: Intent, now: number, account?: Pick<Account, 'username' | 'accountType'>): FormProblems {
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
  // A Story's caption and first comment are hidden and not sent, so they cannot stand in its way.
  const captionError = hasCaption(form.kind) ? captionProblems(form.caption).find((p) => p.severity === 'error') : undefined;
  if (captionError) problems.caption = captionError.message;
  const commentError = hasCaption(form.kind) ? captionProblems(form.firstComment, FIRST_COMMENT).find((p) => p.severity === 'error') : undefined;
  if (commentError) problems.firstComment = commentError.message;
  if (!draft && form.kind === 'story' && form.mode !== 'remind' && account && account.accountType !== 'BUSINESS') problems.mode = storyNeedsBusiness(account.username);
  const extras = extrasToSave(form);
  const taggable = { kind: form.kind, media: mediaToSave(form), firstComment: null, shareToFeed: true, audioName: null, trialReel: null };
  const collaboratorProblem = firstError(taggingProblems({ ...taggable, collaborators: extras.collaborators, userTags: [] }), COLLABORATOR_PROBLEMS);
  if (collaboratorProblem) problems.collaborators = collaboratorProblem;
  const tagProblem = firstError(taggingProblems({ ...taggable, collaborators: [], userTags: extras.userTags }), TAG_PROBLEMS);
  if (tagProblem) problems.userTags = tagProblem;
  if (intent === 'schedule') {
    const iso = localInputToIso(form.when);
    const problem = iso ? slotProblem(Date.parse(iso), now) : 'Choose the date and time to publish.';
    if (problem) problems.when = problem;
  }
  return problems;
}

/**
 * Addresses trimmed; alt text trimmed, and left out when empty or where Instagram takes none (Reels, Stories);
 * people tagged on a photo kept on photo posts only (a Reel or a Story tags them by name on the post).
 */
function mediaToSave(form: ComposerForm): PostMediaRef[] {
  return mediaForKind(form.kind, form.media).map(({ altText, userTags, ...item }) => {
    const ref: PostMediaRef = 'url' in item ? { ...item, url: item.url.trim() } : item;
    const alt = form.kind === 'reel' || form.kind === 'story' ? '' : (altText ?? '').trim();
    const tags = tagsOnPhotos(form.kind) ? (userTags ?? []) : [];
    return { ...ref, ...(alt ? { altText: alt } : {}), ...(tags.length > 0 ? { userTags: tags } : {}) };
  });
}

/** Collaborators, tags by name and Reel options, as the post's kind takes them (the others at Instagram's defaults). */
function extrasToSave(form: ComposerForm) {
  const reel = form.kind === 'reel';
  return {
    collaborators: hasCaption(form.kind) ? form.collaborators : [],
    userTags: tagsOnPhotos(form.kind) ? [] : form.userTags.map(({ username }) => ({ username })),
    shareToFeed: reel ? form.shareToFeed : true,
    audioName: reel ? form.audioName.trim() || null : null,
    trialReel: reel ? form.trialReel : null,
  };
}

function isEmptyLink(item: PostMediaRef): boolean {
  return 'url' in item && item.url.trim() === '';
}

/** A draft leaves out the media fields still empty; scheduling sends them, for the service to refuse by name. */
function sharedFields(form: ComposerForm, intent: Intent) {
  const media = mediaToSave(form).filter((item) => intent !== 'draft' || !isEmptyLink(item));
  // A Story shows no caption: it is kept in the form (for another kind) but not saved.
  const caption = hasCaption(form.kind) ? form.caption : '';
  return { caption, media, mode: form.mode, ...(form.kind === 'reel' && form.reelCover ? { reelCover: form.reelCover } : {}) };
}

const firstCommentOf = (form: ComposerForm) => (hasCaption(form.kind) ? form.firstComment.trim() : '');

/** `posts.create`: a draft (no time) for 'draft' and 'publishNow' (published right after), scheduled otherwise. */
export function toCreateInput(form: ComposerForm, intent: Intent): CreatePostInput {
  const scheduledAt = intent === 'schedule' ? localInputToIso(form.when) : null;
  const { collaborators, userTags, shareToFeed, audioName, trialReel } = extrasToSave(form);
  // A new post sends only what differs from Instagram's defaults.
  return {
    ...(form.accountId ? { accountId: form.accountId } : {}),
    kind: form.kind,
    ...sharedFields(form, intent),
    ...(collaborators.length > 0 ? { collaborators } : {}),
    ...(userTags.length > 0 ? { userTags } : {}),
    ...(shareToFeed ? {} : { shareToFeed }),
    ...(audioName ? { audioName } : {}),
    ...(trialReel ? { trialReel } : {}),
    ...(firstCommentOf(form) ? { firstComment: firstCommentOf(form) } : {}),
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
    firstComment: firstCommentOf(form) || null,
    reelCover: form.kind === 'reel' ? form.reelCover : null,
    // All of them, so a draft made another kind drops what its old kind had.
    ...extrasToSave(form),
  };
  if (intent === 'draft') input.scheduledAt = null;
  if (intent === 'schedule') input.scheduledAt = localInputToIso(form.when);
  return input;
}
