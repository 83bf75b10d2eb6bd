import { useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import type { Account } from '../../../src-shared/models';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAccounts, useConnect, useStores, useUi } from '../../stores/context';
import { ConnectStatus } from './ConnectStatus';
import { placeKey, type ConnectPlace } from './connectStore';
import { MANAGE_ACCESS_LABEL } from './manageAccess';

/**
 * An account's Messages… dialog: turning messages on (one more permission, asked through Instagram's
 * sign-in for the same account) and off again. Declining on Instagram's screen leaves the account as it was.
 */
export function MessagesDialog({ account, onClose }: { account: Account; onClose(): void }) {
  const place: ConnectPlace = { accountId: account.id, messages: true };
  const key = placeKey(place);
  const phase = useConnect((s) => s.phase);
  const connectingHere = useConnect((s) => s.place !== null && placeKey(s.place) === key && s.phase !== 'idle');
  const outcome = useConnect((s) => (s.outcome && placeKey(s.outcome.place) === key ? s.outcome : null));
  const start = useConnect((s) => s.start);
  const dismissOutcome = useConnect((s) => s.dismissOutcome);
  const navigate = useUi((s) => s.navigate);
  const [confirmingOff, setConfirmingOff] = useState(false);

  const close = () => {
    if (outcome) dismissOutcome();
    onClose();
  };
  const turnOn = () => start(place);
  const openMessages = () => {
    close();
    navigate('messages');
  };
  const username = `@${account.username}`;

  if (outcome?.kind === 'messages' && outcome.messages === 'enabled') {
    return (
      <ConfirmDialog
        key="enabled"
        title={`Messages are on for ${username}`}
        confirmLabel="Open Messages"
        confirmTone="primary"
        cancelLabel="Close"
        onConfirm={openMessages}
        onCancel={close}
      >
        <p>Postdeck now checks {username}’s direct messages and shows them in Messages, where you can answer them. The first conversations arrive in a moment.</p>
      </ConfirmDialog>
    );
  }

  // Unticked on Instagram's screen, or Cancel there or here: nothing was granted and nothing changed.
  if (outcome && (outcome.kind === 'cancelled' || outcome.kind === 'messages')) {
    return (
      <ConfirmDialog key="stayed-off" title={`Messages stay off for ${username}`} confirmLabel="Try again" confirmTone="primary" cancelLabel="Close" onConfirm={turnOn} onCancel={close}>
        <p>Instagram did not grant the messages permission, so messages stay off. Nothing else changed: {username} keeps its permissions, posts and schedule as before.</p>
        <p className="muted">To turn messages on, try again and leave the messages permission ticked on Instagram’s screen.</p>
      </ConfirmDialog>
    );
  }

  if (account.messagesEnabled) {
    return confirmingOff ? (
      <TurnOffDialog account={account} onKeep={() => setConfirmingOff(false)} onDone={close} />
    ) : (
      <ConfirmDialog key="on" title={`Messages for ${username}`} confirmLabel="Open Messages" confirmTone="primary" cancelLabel="Close" onConfirm={openMessages} onCancel={close}>
        <p>Messages are on: Postdeck reads {username}’s direct messages, lets you answer them in Messages, and can send a private reply to a comment.</p>
        <div className="messages-dialog-off">
          <button type="button" className="button button-danger-quiet" onClick={() => setConfirmingOff(true)}>
            Turn off messages
          </button>
          <p className="muted">Postdeck forgets the messages it stored for {username}.</p>
        </div>
      </ConfirmDialog>
    );
  }

  return (
    <ConfirmDialog
      key="off"
      title={`Turn on messages for ${username}?`}
      confirmLabel="Continue to Instagram"
      busyLabel="Waiting for Instagram…"
      confirmTone="primary"
      cancelLabel="Not now"
      busy={connectingHere}
      error={<ConnectStatus place={place} />}
      onConfirm={turnOn}
      onCancel={close}
    >
      <p>
        Postdeck asks Instagram for one more permission for {username}, <strong>Manage messages</strong>. With it, Postdeck can:
      </p>
      <ul className="messages-dialog-list">
        <li>show your direct messages, including message requests as Instagram returns them;</li>
        <li>send your replies, within 24 hours of the person’s last message (Instagram’s rule);</li>
        <li>answer a comment with one private message, within 7 days of the comment.</li>
      </ul>
      <p>
        Instagram’s sign-in window opens for {username}: keep the messages permission ticked and choose Allow. If you untick it or cancel, messages stay off
        and nothing else changes.
      </p>
      <p className="muted">
        With your own Meta app, Instagram may offer this permission only after the app passes Meta’s App Review for it. Messages are other
        people’s words: Postdeck keeps them on this computer only, and forgets them when you turn messages off.
      </p>
      {phase !== 'idle' && !connectingHere ? <p className="muted">Another sign-in is under way; finish it first.</p> : null}
    </ConfirmDialog>
  );
}

/** Turning messages off forgets what Postdeck stored of them; Instagram keeps the permission until removed there. */
function TurnOffDialog({ account, onKeep, onDone }: { account: Account; onKeep(): void; onDone(): void }) {
  const { ui } = useStores();
  const disableMessages = useAccounts((s) => s.disableMessages);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const username = `@${account.username}`;
  const confirm = async () => {
    setBusy(true);
    const result = await disableMessages(account.id);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onDone();
    ui.getState().notify({ kind: 'success', text: `Messages are off for ${username}; the messages Postdeck stored were forgotten.`, timeoutMs: 10_000 });
  };
  return (
    <ConfirmDialog
      key="turn-off"
      title={`Turn off messages for ${username}?`}
      confirmLabel="Turn off messages"
      busyLabel="Turning off…"
      cancelLabel="Keep messages on"
      busy={busy}
      error={error ? <ErrorNotice error={error} /> : null}
      onConfirm={() => void confirm()}
      onCancel={onKeep}
    >
      <p>Postdeck forgets the stored messages of {username} on this computer and stops checking for new ones. Your conversations stay on Instagram.</p>
      <p className="muted">
        Instagram keeps the messages permission granted to Postdeck until you remove it at {MANAGE_ACCESS_LABEL}.
      </p>
    </ConfirmDialog>
  );
}
