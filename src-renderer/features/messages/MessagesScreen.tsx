import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useAutoGrow } from '../../lib/useAutoGrow';
import type { KeyboardEvent, RefObject } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { MESSAGE_MAX_CHARS, messageImageUrl, type Conversation, type DirectMessage } from '../../../src-shared/messages';
import type { Account } from '../../../src-shared/models';
import { AccountPicker } from '../../components/AccountPicker';
import { Avatar } from '../../components/Avatar';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Screen } from '../../components/Screen';
import { formatDateTime } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { useAccounts, useMessages, useUi } from '../../stores/context';
import { clockTime, groupByDay, lastExcerpt, listTime, replyClosedText, replyOpenText, replyWindow } from './conversations';
import { isAllowedImageUrl } from '../../../src-shared/csp';
import './messages.css';

const HEADING_ID = 'messages-heading';
const THREAD_HEADING_ID = 'dm-thread-heading';
const REPLY_TEXT_ID = 'dm-reply-text';

/**
 * Direct messages of the accounts with messages on: conversations newest first beside the open one. Showing
 * the list never marks anything read; opening a conversation does.
 */
export function MessagesScreen() {
  const accounts = useAccounts((s) => s.accounts);
  const accountsLoaded = useAccounts((s) => s.loaded);
  const conversations = useMessages((s) => s.conversations);
  const listError = useMessages((s) => s.listError);
  const refreshing = useMessages((s) => s.refreshing);
  const unread = useMessages((s) => s.unread);
  const openId = useMessages((s) => s.openId);
  const load = useMessages((s) => s.load);
  const refresh = useMessages((s) => s.refresh);
  const open = useMessages((s) => s.open);
  const [accountId, setAccountId] = useState('');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const withMessages = useMemo(() => accounts.filter((a) => a.messagesEnabled), [accounts]);
  const turnedOnKey = withMessages.map((a) => a.id).join(' ');

  useEffect(() => {
    if (turnedOnKey) void load();
  }, [load, turnedOnKey]);

  // The open conversation stays in the Unread list once read, so the list does not jump under the reader.
  const shown = (conversations ?? []).filter((c) => (!accountId || c.accountId === accountId) && (!unreadOnly || c.unread || c.id === openId));
  const current = shown.find((c) => c.id === openId) ?? null;
  const layout = useRef<HTMLDivElement>(null);
  useFillWindow(layout, conversations !== null);

  // When the open conversation leaves while focus was in it (its account turned messages off), focus goes to the heading.
  const hadCurrent = useRef(false);
  useEffect(() => {
    if (hadCurrent.current && !current && (!document.activeElement || document.activeElement === document.body)) {
      document.getElementById(HEADING_ID)?.focus();
    }
    hadCurrent.current = current !== null;
  }, [current]);

  if (accountsLoaded && withMessages.length === 0) {
    return (
      <Screen name="messages" title="Messages">
        <MessagesOff hasAccounts={accounts.length > 0} />
      </Screen>
    );
  }

  return (
    <Screen
      name="messages"
      title="Messages"
      head={
        <div className="inbox-head">
          <div className="segmented inbox-filter" role="group" aria-label="Show">
            <button type="button" aria-pressed={!unreadOnly} onClick={() => setUnreadOnly(false)}>
              All
            </button>
            <button type="button" aria-pressed={unreadOnly} onClick={() => setUnreadOnly(true)}>
              Unread{unread > 0 ? <span className="inbox-filter-count"> {unread}</span> : null}
            </button>
          </div>
          <AccountPicker accounts={withMessages} value={accountId} everyone="All accounts" onChange={setAccountId} />
          <button type="button" className="button button-secondary" onClick={() => void refresh()} disabled={refreshing}>
            {refreshing ? 'Checking…' : 'Check now'}
          </button>
        </div>
      }
    >
      {listError ? <ErrorNotice error={listError} onRetry={() => void load()} /> : null}
      {conversations === null ? (
        <p className="muted">Loading messages…</p>
      ) : (
        <div className="dm-layout" ref={layout}>
          <div className="dm-list-pane">
            {shown.length === 0 ? (
              <p className="muted dm-list-empty">{unreadOnly ? 'All caught up: no unread conversations.' : <NoConversations accounts={withMessages} />}</p>
            ) : (
              <ul className="dm-list" aria-label="Conversations">
                {shown.map((conversation) => (
                  <ConversationItem
                    key={conversation.id}
                    conversation={conversation}
                    account={withMessages.length > 1 ? withMessages.find((a) => a.id === conversation.accountId) : undefined}
                    current={conversation.id === openId}
                    onOpen={() => open(conversation.id)}
                  />
                ))}
              </ul>
            )}
            <p className="muted dm-requests-note">
              Message requests appear here as Instagram returns them. Instagram does not return requests left unanswered for 30 days: find
              those in the Instagram app.
            </p>
          </div>
          {current ? (
            <Thread key={current.id} conversation={current} account={accounts.find((a) => a.id === current.accountId)} />
          ) : (
            <div className="dm-thread dm-thread-none">
              <p className="muted">Choose a conversation to read it and reply.</p>
            </div>
          )}
        </div>
      )}
    </Screen>
  );
}

const MIN_HEIGHT_PX = 420;

/**
 * Sizes the list and the thread to reach the window's bottom, so the reply box is in view whatever sits above
 * (a notice, a two-line sandbox strip), and each pane scrolls on its own.
 */
function useFillWindow(ref: RefObject<HTMLElement | null>, shown: boolean) {
  useLayoutEffect(() => {
    const el = ref.current;
    const main = el?.closest('main');
    if (!el || !main) return;
    const fit = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      // Down to the page's own bottom padding, so the window does not scroll.
      const below = parseFloat(getComputedStyle(main).paddingBottom) || 0;
      el.style.height = `${Math.max(MIN_HEIGHT_PX, window.innerHeight - top - below)}px`;
    };
    fit();
    // What sits above changes main's size (a notice comes or goes); the panes' own height settles at once.
    const observer = new ResizeObserver(fit);
    observer.observe(main);
    window.addEventListener('resize', fit);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fit);
    };
  }, [ref, shown]);
}

/** Nobody has turned messages on: what they are for, and where to turn them on. */
function MessagesOff({ hasAccounts }: { hasAccounts: boolean }) {
  const navigate = useUi((s) => s.navigate);
  return (
    <div className="empty-state">
      <h2>Messages are off</h2>
      <p>
        Postdeck can read and answer your Instagram direct messages here, and send a private reply to a comment. It asks Instagram for the
        messages permission only for an account where you turn messages on.
      </p>
      <p className="muted">
        {hasAccounts
          ? 'Open Accounts and choose Messages… on the account whose messages you want here.'
          : 'Connect an Instagram account first, then choose Messages… on it in Accounts.'}
      </p>
      <button type="button" className="button button-primary" onClick={() => navigate('accounts')}>
        Go to Accounts
      </button>
    </div>
  );
}

function NoConversations({ accounts }: { accounts: Account[] }) {
  const names = accounts.map((a) => `@${a.username}`).join(', ');
  return (
    <>
      No conversations yet. A conversation starts when someone writes to {names} on Instagram. Postdeck checks every 2 minutes for
      conversations active in the last day, every 30 minutes for quieter ones.
    </>
  );
}

function ConversationItem({ conversation, account, current, onOpen }: { conversation: Conversation; account: Account | undefined; current: boolean; onOpen(): void }) {
  const now = useNow();
  return (
    <li>
      <button
        type="button"
        className={`dm-item${conversation.unread ? ' dm-item-unread' : ''}`}
        aria-current={current ? 'true' : undefined}
        onClick={onOpen}
      >
        <Avatar account={{ username: conversation.username, name: null, pictureUrl: conversation.pictureUrl }} size={32} />
        <span className="dm-item-main">
          <span className="dm-item-top">
            <strong className="dm-item-name">@{conversation.username}</strong>
            <time dateTime={conversation.lastMessageAt} title={formatDateTime(conversation.lastMessageAt)}>
              {listTime(conversation.lastMessageAt, now)}
            </time>
          </span>
          <span className="dm-item-excerpt">{lastExcerpt(conversation)}</span>
          {account ? <span className="dm-item-account">to @{account.username}</span> : null}
        </span>
        {conversation.unread ? (
          <span className="dm-unread-dot">
            <span className="visually-hidden">unread</span>
          </span>
        ) : null}
      </button>
    </li>
  );
}

/** One conversation: the messages under their days, then the reply box (or why there is none now). */
function Thread({ conversation, account }: { conversation: Conversation; account: Account | undefined }) {
  const now = useNow();
  const days = groupByDay(conversation.messages, now);
  const log = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const replies = replyWindow(conversation, now);

  // The newest message is at the bottom, as in every messenger: start there, and stay there as replies arrive.
  useLayoutEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [conversation.messages.length]);

  // Opening a conversation from the list takes focus to it: the reply box when a reply can go, else its name.
  // Once per opening (the thread is keyed by conversation), not each time the list is read again.
  const canReply = replies.open;
  useEffect(() => {
    if (!document.activeElement?.closest('.dm-item')) return;
    if (canReply) document.getElementById(REPLY_TEXT_ID)?.focus();
    else heading.current?.focus();
  }, []);

  return (
    <section className="dm-thread" aria-labelledby={THREAD_HEADING_ID}>
      <header className="dm-thread-head">
        <Avatar account={{ username: conversation.username, name: null, pictureUrl: conversation.pictureUrl }} size={32} />
        <div>
          <h2 id={THREAD_HEADING_ID} ref={heading} tabIndex={-1}>
            @{conversation.username}
          </h2>
          {account ? <p className="muted">In @{account.username}’s inbox</p> : null}
        </div>
      </header>
      <div ref={log} className="dm-log" role="log" aria-label={`Messages with @${conversation.username}`} tabIndex={0}>
        {days.map((day) => (
          <section key={day.day} className="dm-day" aria-label={day.label}>
            <h3 className="dm-day-label">{day.label}</h3>
            <ol className="dm-messages">
              {day.messages.map((message) => (
                <li key={message.id} className={`dm-bubble dm-bubble-${message.from === 'me' ? 'mine' : 'theirs'}`}>
                  <span className="visually-hidden">{message.from === 'me' ? 'You' : `@${conversation.username}`}: </span>
                  {message.imageUrl ? <SentPicture url={message.imageUrl} /> : <p>{message.text}</p>}
                  <time dateTime={message.at} title={formatDateTime(message.at)}>
                    {clockTime(message.at)}
                  </time>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
      <ReplyBox conversation={conversation} now={now} />
    </section>
  );
}

/** A picture sent by link: shown when the page may load its host, else its link (opened in the browser). */
function SentPicture({ url }: { url: NonNullable<DirectMessage['imageUrl']> }) {
  if (isAllowedImageUrl(url)) return <img className="dm-picture" src={url} alt="Picture you sent" />;
  return (
    <p>
      Picture: <a href={url} target="_blank" rel="noreferrer">{url}</a>
    </p>
  );
}

/** "Send a picture link": Instagram fetches the picture from a public https address, so only that is taken. */
function PictureLink({ conversation, onSent }: { conversation: Conversation; onSent: () => void }) {
  const send = useMessages((s) => s.send);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const checked = messageImageUrl.safeParse(url.trim());
  const submit = async () => {
    if (busy || !checked.success) return;
    setBusy(true);
    const result = await send(conversation, { imageUrl: checked.data });
    setBusy(false);
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setUrl('');
      onSent();
    }
  };
  const invalid = url.trim() !== '' && !checked.success;
  return (
    <div className="dm-picture-link">
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      <div className="dm-reply-row">
        <label className="dm-reply-field">
          <span className="visually-hidden">Picture link (https)</span>
          <input
            type="url"
            inputMode="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void submit();
            }}
            placeholder="https://… (a picture anyone can open)"
            aria-invalid={invalid}
            aria-describedby="dm-picture-hint"
            autoFocus
          />
        </label>
        <button type="button" className="button button-primary" disabled={busy || !checked.success} onClick={() => void submit()}>
          {busy ? 'Sending…' : 'Send picture'}
        </button>
      </div>
      <p id="dm-picture-hint" className={invalid ? 'dm-reply-hint dm-picture-invalid' : 'muted dm-reply-hint'}>
        {invalid ? 'Use a public https:// address.' : 'Instagram fetches the picture (PNG or JPEG, up to 8 MB) from this address.'}
      </p>
    </div>
  );
}

/** Grows with its text; Enter sends and Shift+Enter starts a new line, as in Instagram's own inbox. */
function ReplyBox({ conversation, now }: { conversation: Conversation; now: number }) {
  const draft = useMessages((s) => s.drafts[conversation.id] ?? '');
  const setDraft = useMessages((s) => s.setDraft);
  const send = useMessages((s) => s.send);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [picture, setPicture] = useState(false);
  const box = useAutoGrow(draft);
  const replies = replyWindow(conversation, now);

  const submit = async () => {
    if (busy || draft.trim() === '') return;
    setBusy(true);
    const result = await send(conversation, { text: draft.trim() });
    setBusy(false);
    setError(result.ok ? null : result.error);
    box.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that picks a word in an input method is not a send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  };
  const reasonId = 'dm-reply-reason';
  return (
    <>
    <form
      className="dm-reply"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {replies.open ? null : (
        <p id={reasonId} className="dm-reply-closed">
          {replyClosedText(conversation, replies.closedAt, now)}
        </p>
      )}
      {error && !(error.code === 'reply_window_closed' && !replies.open) ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      <div className="dm-reply-row">
        <label className="dm-reply-field">
          <span className="visually-hidden">Reply to @{conversation.username}</span>
          <textarea
            id={REPLY_TEXT_ID}
            ref={box}
            value={draft}
            onChange={(e) => setDraft(conversation.id, e.target.value)}
            onKeyDown={onKeyDown}
            maxLength={MESSAGE_MAX_CHARS}
            rows={1}
            disabled={!replies.open}
            aria-describedby={replies.open ? 'dm-reply-hint' : reasonId}
            placeholder={replies.open ? `Message @${conversation.username}…` : 'Replies are closed for now'}
          />
        </label>
        <button type="submit" className="button button-primary" disabled={!replies.open || busy || draft.trim() === ''}>
          {busy ? 'Sending…' : 'Send'}
        </button>
      </div>
      {replies.open ? (
        <p id="dm-reply-hint" className="muted dm-reply-hint">
          Enter sends, Shift+Enter starts a new line.{replies.until ? ` ${replyOpenText(replies.until, now)}` : ''}{' '}
          <button type="button" className="button button-quiet dm-picture-toggle" aria-expanded={picture} onClick={() => setPicture((shown) => !shown)}>
            {picture ? 'Hide picture link' : 'Send a picture link'}
          </button>
        </p>
      ) : null}
    </form>
    {replies.open && picture ? <PictureLink conversation={conversation} onSent={() => setPicture(false)} /> : null}
    </>
  );
}
