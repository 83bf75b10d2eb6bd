import { useEffect, useId, useRef, useState } from 'react';
import type { AppError, Result } from '../../../src-shared/errors';
import type { Account } from '../../../src-shared/models';
import { POST_KINDS, PUBLISH_MODES } from '../../../src-shared/posts';
import type { Post, PostKind, PublishMode } from '../../../src-shared/posts';
import { Avatar } from '../../components/Avatar';
import { ErrorNotice } from '../../components/ErrorNotice';
import { HealthBadge } from '../../components/HealthBadge';
import { Screen } from '../../components/Screen';
import { formatDateTime } from '../../lib/format';
import { isoToLocalInput, skippedTimeBecomes, suggestedSlot, timeZoneLabel } from '../../lib/localTime';
import { useAccounts, usePosts, useStores, useUi } from '../../stores/context';
import { emptyForm, FIRST_COMMENT, formFromPost, formProblems, hasCaption, mediaForKind, placeImported, toCreateInput, toUpdateInput, withAccount, withKind } from './composerForm';
import type { ImportedFile } from './ImportedMedia';
import type { ComposerForm, FormProblems, Intent } from './composerForm';
import { KIND_LABEL } from './describe';
import { BestTimeChips } from './BestTimeChips';
import { CaptionField } from './CaptionField';
import { MediaSlides } from './MediaSlides';
import { PostPreview } from './PostPreview';
import { ReelCoverPicker } from './ReelCoverPicker';
import { firstInvalidControl } from './firstInvalidControl';
import { refusalOf, standingProblems, type Refusal } from './refusal';
import { ReelOptions } from './ReelOptions';
import { CollaboratorsField, TaggedByNameField } from './PeopleFields';
import { StoryAccountNotice, StoryNote } from './StoryFields';
import { tabOf } from './tabs';
import { useComposerForm } from './useComposerForm';
import { ConflictNotice, LeaveDialog, RestoredLine } from './NeverLoseWork';
import './posts.css';

/**
 * New post (`postId` null) or editing one; waits for the accounts (and the post) before showing the form.
 * `at`: a new post's slot, as a local wall time (from a calendar slot).
 */
export function ComposerScreen({ postId, at }: { postId: string | null; at?: string | undefined }) {
  const accounts = useAccounts((s) => s.accounts);
  const accountsLoaded = useAccounts((s) => s.loaded);
  const post = usePosts((s) => (postId ? s.posts.find((p) => p.id === postId) : undefined));
  const { posts } = useStores();
  const [loadError, setLoadError] = useState<AppError | null>(null);

  useEffect(() => {
    if (!postId) return;
    void posts
      .getState()
      .refresh(postId)
      .then((result) => setLoadError(result.ok ? null : result.error));
  }, [posts, postId]);

  let body;
  if (loadError) body = <ErrorNotice error={loadError} />;
  else if (!accountsLoaded || (postId && !post)) body = <p className="muted">Loading…</p>;
  else if (post && (post.status === 'publishing' || post.status === 'published')) {
    body = (
      <p>
        This post is {post.status === 'publishing' ? 'being published' : 'published'}, so it can no longer be changed.{' '}
        <a href={`#/posts/${post.id}`}>See its details</a>
      </p>
    );
  } else body = <Composer accounts={accounts} post={post} at={at} />;

  return (
    <Screen name="composer" title={postId ? 'Edit post' : 'New post'}>
      {body}
    </Screen>
  );
}

function firstChoice(accounts: Account[]): Account | undefined {
  return accounts.find((a) => a.health.state !== 'unhealthy') ?? accounts[0];
}

const INTENT_BUSY: Record<Intent, string> = { draft: 'Saving…', schedule: 'Scheduling…', publishNow: 'Publishing…' };

function Composer({ accounts, post, at }: { accounts: Account[]; post: Post | undefined; at: string | undefined }) {
  const { posts, ui } = useStores();
  const navigate = useUi((s) => s.navigate);
  const kept = useComposerForm(post, () =>
    post ? formFromPost(post, suggestedSlot(Date.now())) : emptyForm(firstChoice(accounts), at ?? suggestedSlot(Date.now())),
  );
  const { form, setForm } = kept;
  const [attempted, setAttempted] = useState<Intent | null>(null);
  const [saving, setSaving] = useState<Intent | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);
  const [modeChosen, setModeChosen] = useState(post !== undefined);
  /** Files imported in this session of the composer, by media id: what they are and a local preview. */
  const [imported, setImported] = useState<Record<string, ImportedFile>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const account = accounts.find((a) => a.id === form.accountId);
  const problems: FormProblems = { ...standingProblems(refusal, form), ...(attempted ? formProblems(form, attempted, Date.now(), account) : {}) };
  const update = (patch: Partial<ComposerForm>) => setForm((f) => ({ ...f, ...patch }));

  // After a refused attempt, take the keyboard to the first field that needs fixing.
  useEffect(() => {
    if (focusInvalid && formRef.current) firstInvalidControl(formRef.current)?.focus();
  }, [focusInvalid]);

  async function submit(intent: Intent) {
    setAttempted(intent);
    setError(null);
    setRefusal(null);
    if (Object.keys(formProblems(form, intent, Date.now(), account)).length > 0) {
      setFocusInvalid((n) => n + 1);
      return;
    }
    setSaving(intent);
    const store = posts.getState();
    const saved: Result<Post> = kept.base ? await store.update(toUpdateInput(kept.base, form, intent)) : await store.create(toCreateInput(form, intent));
    if (!saved.ok) {
      setSaving(null);
      // A reason about one field shows under it; the rest stays in the banner.
      const refused = refusalOf(saved.error, form);
      setRefusal(refused);
      setError(refused.banner);
      if (Object.keys(refused.fields).length > 0) setFocusInvalid((n) => n + 1);
      return;
    }
    kept.finish();
    if (intent === 'publishNow') {
      // The outcome (or its error) shows on the post's page, which follows it live.
      await store.publishNow(saved.value.id);
      navigate({ name: 'post', postId: saved.value.id }, { replace: true });
      return;
    }
    const value = saved.value;
    // Told on the list it lands on: a notice stays on the page it was raised on.
    navigate({ name: 'posts', tab: tabOf(value.status) }, { replace: true });
    ui.getState().notify({
      kind: 'success',
      text:
        value.status === 'scheduled' && value.scheduledAt
          ? value.mode === 'remind'
            ? `Postdeck will remind you at ${formatDateTime(value.scheduledAt)}, with the media ready to post.`
            : `Scheduled for ${formatDateTime(value.scheduledAt)}${value.mode === 'manual' ? '; it will wait for your approval then' : ''}.`
          : 'Draft saved.',
      timeoutMs: 8000,
    });
  }

  return (
    <form ref={formRef} className="composer" noValidate onSubmit={(e) => e.preventDefault()}>
      <div className="composer-fields">
        {kept.restored ? <RestoredLine onDiscard={kept.discardRestored} /> : null}
        <LeaveDialog />
        <AccountPicker
          accounts={accounts}
          value={form.accountId}
          locked={post?.accountId != null}
          error={problems.accountId}
          onChange={(accountId) => {
            const picked = accounts.find((a) => a.id === accountId);
            if (picked) setForm((f) => withAccount(f, picked, modeChosen));
          }}
        />
        <KindPicker value={form.kind} locked={post !== undefined && post.status !== 'draft'} onChange={(kind) => setForm((f) => withKind(f, kind, account?.defaultMode))} />
        {form.kind === 'story' && account ? (
          <StoryAccountNotice
            account={account}
            mode={form.mode}
            onRemind={() => {
              setModeChosen(true);
              update({ mode: 'remind' });
            }}
          />
        ) : null}
        <MediaSlides
          form={form}
          problems={problems}
          imported={imported}
          onImported={(files) => {
            setImported((known) => ({ ...known, ...Object.fromEntries(files.map((file) => [file.item.id, file])) }));
            setForm((f) => ({ ...f, media: placeImported(f.kind, f.media, files.map((file) => file.item.id)) }));
          }}
          onChange={(media) => update({ media })}
        />
        {form.kind === 'reel' ? (
          <ReelCoverPicker video={form.media[0]} value={form.reelCover} error={problems.cover} onChange={(reelCover) => update({ reelCover })} />
        ) : null}
        {hasCaption(form.kind) ? (
          <>
            <CaptionField label="Caption" value={form.caption} error={problems.caption} onChange={(caption) => update({ caption })} />
            <CaptionField
              label="First comment (optional)"
              subject={FIRST_COMMENT}
              rows={3}
              value={form.firstComment}
              help="Posted from the account right after publishing; many creators put their hashtags here."
              error={problems.firstComment}
              onChange={(firstComment) => update({ firstComment })}
            />
            <CollaboratorsField values={form.collaborators} error={problems.collaborators} onChange={(collaborators) => update({ collaborators })} />
          </>
        ) : (
          <StoryNote />
        )}
        {form.kind === 'reel' || form.kind === 'story' ? (
          <TaggedByNameField kind={form.kind} tags={form.userTags} error={problems.userTags} onChange={(userTags) => update({ userTags })} />
        ) : null}
        {form.kind === 'reel' ? <ReelOptions shareToFeed={form.shareToFeed} audioName={form.audioName} trialReel={form.trialReel} onChange={update} /> : null}
        <WhenField value={form.when} accountId={form.accountId} error={problems.when} onChange={(when) => update({ when })} />
        <ModeField
          value={form.mode}
          error={problems.mode}
          onChange={(mode) => {
            setModeChosen(true);
            update({ mode });
          }}
        />

      </div>
      <aside className="composer-preview" aria-label="Preview">
        <PostPreview
          kind={form.kind}
          media={mediaForKind(form.kind, form.media)}
          caption={form.caption}
          firstComment={form.firstComment}
          account={account}
          imported={imported}
          reelCover={form.kind === 'reel' ? form.reelCover : null}
          onTagsChange={(index, userTags) => setForm((f) => ({ ...f, media: mediaForKind(f.kind, f.media).map((item, i) => (i === index ? { ...item, userTags } : item)) }))}
        />
      </aside>
      <div className="composer-actions">
        {error?.code === 'post_changed' ? (
          <ConflictNotice
            error={error}
            onResolve={async (choice) => {
              setError(await kept.resolveConflict(choice));
            }}
          />
        ) : error ? (
          <ErrorNotice error={error} onDismiss={() => setError(null)} />
        ) : null}
        <div className="form-buttons">
          <button type="button" className="button button-primary" disabled={saving !== null} onClick={() => void submit('schedule')}>
            {saving === 'schedule' ? INTENT_BUSY.schedule : form.mode === 'remind' ? 'Schedule reminder' : 'Schedule'}
          </button>
          <button type="button" className="button button-secondary" disabled={saving !== null} onClick={() => void submit('draft')}>
            {saving === 'draft' ? INTENT_BUSY.draft : 'Save draft'}
          </button>
          {/* A reminder is posted by hand: Postdeck does not publish it. */}
          {form.mode === 'remind' ? null : (
            <button type="button" className="button button-secondary" disabled={saving !== null} onClick={() => void submit('publishNow')}>
              {saving === 'publishNow' ? INTENT_BUSY.publishNow : 'Publish now'}
            </button>
          )}
        </div>
      </div>
    </form>
  );
}

function AccountPicker(props: { accounts: Account[]; value: string; locked: boolean; error: string | undefined; onChange(id: string): void }) {
  const { accounts, value, locked, error, onChange } = props;
  const id = useId();
  const chosen = accounts.find((a) => a.id === value);
  return (
    <div className="field field-wide" role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={error ? `${id}-error` : undefined}>
      <span id={`${id}-label`} className="field-label">
        Account
      </span>
      <div className="account-options">
        {accounts.map((account) => (
          <label key={account.id} className={`account-option${account.id === value ? ' account-option-chosen' : ''}`}>
            <input
              type="radio"
              name={`${id}-account`}
              value={account.id}
              checked={account.id === value}
              disabled={locked && account.id !== value}
              onChange={() => onChange(account.id)}
            />
            <Avatar account={account} size={32} />
            <span className="account-option-name">@{account.username}</span>
            <HealthBadge health={account.health} />
          </label>
        ))}
      </div>
      {locked ? <p className="field-help">A saved post stays with its account.</p> : null}
      {accounts.length === 0 ? (
        <p className="field-help">
          No account is connected yet: save your idea as a draft, and <a href="#/accounts">connect an account</a> to schedule it.
        </p>
      ) : null}
      {chosen?.health.state === 'unhealthy' ? (
        <p className="field-warning" role="status">
          Reconnect @{chosen.username} first; the post will wait. <a href="#/accounts">Go to the accounts page</a>
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function KindPicker({ value, locked, onChange }: { value: PostKind; locked: boolean; onChange(kind: PostKind): void }) {
  const id = useId();
  return (
    <fieldset className="field field-wide choice-group" aria-describedby={`${id}-note`}>
      <legend className="field-label">Kind</legend>
      <div className="choices">
        {POST_KINDS.map((kind) => (
          <label key={kind} className="choice">
            <input
              type="radio"
              name={`${id}-kind`}
              value={kind}
              checked={value === kind}
              disabled={locked && value !== kind}
              onChange={() => onChange(kind)}
            />
            {KIND_LABEL[kind]}
          </label>
        ))}
      </div>
      <p id={`${id}-note`} className="field-help">
        A Story is one photo or one video (3–60 s), published for Business accounts only: Instagram does not publish Stories for Creator accounts.
        {locked ? ' A saved post keeps its kind; start a new post for another kind.' : ''}
      </p>
    </fieldset>
  );
}

function WhenField({ value, accountId, error, onChange }: { value: string; accountId: string; error: string | undefined; onChange(value: string): void }) {
  const id = useId();
  const becomes = skippedTimeBecomes(value);
  return (
    <div className="field">
      <label htmlFor={id}>Date and time</label>
      <input
        id={id}
        type="datetime-local"
        value={value}
        min={isoToLocalInput(Date.now())}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-help`} className="field-help">
        In your time zone, {timeZoneLabel()}. Used when you press Schedule.
      </p>
      {accountId ? <BestTimeChips key={accountId} accountId={accountId} value={value} onPick={onChange} /> : null}
      {becomes ? (
        <p className="field-help" role="status">
          {value.slice(11, 16)} does not exist on that day: the clocks go forward. The post goes out at {becomes}.
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const MODE_LABEL: Record<PublishMode, string> = {
  automatic: 'Automatic: publishes at its time',
  manual: 'Manual: waits for your approval',
  remind: 'Remind me: you post it from your phone',
};

function ModeField({ value, error, onChange }: { value: PublishMode; error: string | undefined; onChange(mode: PublishMode): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Mode</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(PUBLISH_MODES.find((mode) => mode === e.target.value) ?? 'automatic')}
      >
        {PUBLISH_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {MODE_LABEL[mode]}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
