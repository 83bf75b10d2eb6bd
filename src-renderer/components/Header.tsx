import type { ReactNode } from 'react';
import type { AppInfo } from '../../src-shared/models';
import { waitingCount } from '../features/posts/tabs';
import { screenOf } from '../lib/routes';
import { useApp, useInbox, useMessages, usePosts, useUi } from '../stores/context';
import type { Screen } from '../stores/ui';
import { Badge } from './Badge';

const SANDBOX_TITLE = 'Using the built-in Instagram emulator — nothing reaches Instagram';

function ModeBadge({ info }: { info: AppInfo | null }) {
  if (!info) return null;
  return info.mode === 'sandbox' ? (
    <Badge tone="info" title={SANDBOX_TITLE}>
      Sandbox
    </Badge>
  ) : (
    <Badge tone="live" title="Connected to Instagram with your own Meta app">
      Live
    </Badge>
  );
}

function NavButton({ screen, label, children }: { screen: Screen; label: string; children?: ReactNode }) {
  const current = useUi((s) => screenOf(s.route));
  const navigate = useUi((s) => s.navigate);
  return (
    <button
      type="button"
      className="nav-link"
      aria-current={current === screen ? 'page' : undefined}
      onClick={() => navigate(screen)}
    >
      {/* data-label lets the CSS reserve the bold label's width, so the current link never shifts the others. */}
      <span className="nav-label" data-label={label}>
        {label}
      </span>
      {children}
    </button>
  );
}

/** A count beside a navigation entry, hidden at zero; `what` says what is counted to screen readers and on hover. */
function NavCount({ count, what }: { count: number; what: string }) {
  if (count === 0) return null;
  return (
    <span className="nav-count" title={`${count} ${what}`}>
      {count}
      <span className="visually-hidden"> {what}</span>
    </span>
  );
}

/** How many posts wait for the creator's yes, on the Queue entry. */
function WaitingCount() {
  return <NavCount count={usePosts((s) => waitingCount(s.posts))} what="waiting for approval" />;
}

/** Unread comments and replies, on the Comments entry. */
function UnreadCount() {
  return <NavCount count={useInbox((s) => s.unread)} what="unread" />;
}

/** Unread conversations, on the Messages entry. */
function UnreadConversations() {
  return <NavCount count={useMessages((s) => s.unread)} what="unread" />;
}

function NewPostButton() {
  const current = useUi((s) => screenOf(s.route));
  const navigate = useUi((s) => s.navigate);
  return (
    <button
      type="button"
      className="button button-primary"
      aria-current={current === 'composer' ? 'page' : undefined}
      onClick={() => navigate('composer')}
    >
      New post
    </button>
  );
}

export function Header() {
  const info = useApp((s) => s.info);
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <span className="app-name">Postdeck</span>
        <nav aria-label="Main" className="app-nav">
          <NavButton screen="accounts" label="Accounts" />
          <NavButton screen="posts" label="Posts" />
          <NavButton screen="queue" label="Queue">
            <WaitingCount />
          </NavButton>
          <NavButton screen="insights" label="Insights" />
          <NavButton screen="comments" label="Comments">
            <UnreadCount />
          </NavButton>
          <NavButton screen="messages" label="Messages">
            <UnreadConversations />
          </NavButton>
          <NavButton screen="settings" label="Settings" />
        </nav>
        <div className="app-header-end">
          <NewPostButton />
          <ModeBadge info={info} />
        </div>
      </div>
      {info?.mode === 'sandbox' ? (
        <p className="sandbox-strip">
          Sandbox: Postdeck is talking to its built-in Instagram emulator, so nothing you do here reaches Instagram.
          Add your Meta app in Settings to go live.
        </p>
      ) : null}
    </header>
  );
}
