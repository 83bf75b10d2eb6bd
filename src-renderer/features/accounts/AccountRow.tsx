import { useState } from 'react';
import type { Account } from '../../../src-shared/models';
import {
  accountTypeLabel,
  formatDate,
  formatCount,
  formatDateTime,
  formatRelative,
  healthReasonText,
  scopeLabel,
} from '../../lib/format';
import { useAccounts, useConnect } from '../../stores/context';
import { Avatar } from '../../components/Avatar';
import { Badge } from '../../components/Badge';
import { ConnectStatus } from './ConnectStatus';
import { ErrorNotice } from '../../components/ErrorNotice';
import { HealthBadge } from '../../components/HealthBadge';
import { MessagesDialog } from './MessagesDialog';
import './accounts.css';

interface Props {
  account: Account;
  now: number;
  onDisconnect(account: Account): void;
}

/** Followers and media as the profile shows them; absent until Instagram has reported them. */
function ProfileCounts({ account }: { account: Account }) {
  const { followersCount, mediaCount } = account;
  if (followersCount === null && mediaCount === null) return null;
  return (
    <p className="account-counts">
      {followersCount !== null ? <span>{formatCount(followersCount, 'follower', 'followers')}</span> : null}
      {mediaCount !== null ? <span>{formatCount(mediaCount, 'post', 'posts')} on Instagram</span> : null}
    </p>
  );
}

export function AccountRow({ account, now, onDisconnect }: Props) {
  const [messagesOpen, setMessagesOpen] = useState(false);
  const busy = useAccounts((s) => s.busy[account.id]);
  const error = useAccounts((s) => s.errors[`account:${account.id}`]);
  const check = useAccounts((s) => s.check);
  const clearError = useAccounts((s) => s.clearError);
  const setDefaultMode = useAccounts((s) => s.setDefaultMode);
  const connectPhase = useConnect((s) => s.phase);
  const startConnect = useConnect((s) => s.start);

  const { health } = account;
  const unhealthy = health.state === 'unhealthy';
  const reason = healthReasonText(health.reason);
  const labelId = `account-${account.id}-name`;
  const renews = health.state === 'healthy' ? 'Token renews automatically · expires' : 'Token expires';
  // The way back for an account that lost access leads the row; for a healthy one it is a quiet extra.
  const reconnect = (
    <button
      type="button"
      className={`button ${unhealthy ? 'button-primary' : 'button-quiet'}`}
      aria-describedby={labelId}
      disabled={connectPhase !== 'idle' || busy === 'disconnecting'}
      onClick={() => startConnect({ accountId: account.id })}
    >
      Reconnect
    </button>
  );

  return (
    <li className={`account-row${unhealthy ? ' account-row-unhealthy' : ''}`} aria-labelledby={labelId}>
      <Avatar account={account} />
      <div className="account-main">
        <div className="account-title">
          <span className="account-username" id={labelId}>
            @{account.username}
          </span>
          {account.name ? <span className="account-name">{account.name}</span> : null}
          <Badge>{accountTypeLabel(account.accountType)}</Badge>
        </div>
        <ProfileCounts account={account} />
        <p className="account-health">
          <HealthBadge health={health} />
          {reason ? <span className="account-health-reason">{reason}</span> : null}
          <span className="muted">
            {health.checkedAt ? (
              <>
                Last checked{' '}
                <time dateTime={health.checkedAt} title={formatDateTime(health.checkedAt)}>
                  {formatRelative(health.checkedAt, now)}
                </time>
              </>
            ) : (
              'Not checked yet'
            )}
          </span>
        </p>
        {account.scopes.length > 0 ? (
          <ul className="chips" aria-label="Granted permissions">
            {account.scopes.map((scope) => (
              <li key={scope} className="chip">
                {scopeLabel(scope)}
              </li>
            ))}
          </ul>
        ) : null}
        <p className="account-meta muted">
          <span>
            Connected since <time dateTime={account.connectedAt}>{formatDate(account.connectedAt)}</time>
          </span>
          <span>
            {renews} <time dateTime={account.tokenExpiresAt}>{formatDate(account.tokenExpiresAt)}</time>
          </span>
        </p>
        <label className="account-mode">
          <span>New posts</span>
          <select
            value={account.defaultMode}
            disabled={busy !== undefined}
            onChange={(e) => void setDefaultMode(account.id, e.target.value as Account['defaultMode'])}
          >
            <option value="automatic">publish at their time</option>
            <option value="manual">wait for my approval</option>
          </select>
        </label>
      </div>
      <div className="account-actions">
        {unhealthy ? reconnect : null}
        <button
          type="button"
          className="button button-secondary"
          aria-describedby={labelId}
          disabled={busy !== undefined}
          onClick={() => void check(account.id)}
        >
          {busy === 'checking' ? 'Checking…' : 'Check now'}
        </button>
        {unhealthy ? null : reconnect}
        <button type="button" className="button button-quiet" aria-describedby={labelId} disabled={busy === 'disconnecting'} onClick={() => setMessagesOpen(true)}>
          Messages…
        </button>
        <button
          type="button"
          className="button button-danger-quiet"
          aria-describedby={labelId}
          disabled={busy !== undefined}
          onClick={() => onDisconnect(account)}
        >
          Disconnect
        </button>
      </div>
      <div className="account-status">
        {error ? (
          <ErrorNotice error={error} onDismiss={() => clearError(`account:${account.id}`)} />
        ) : null}
        <ConnectStatus place={{ accountId: account.id }} />
      </div>
      {messagesOpen ? <MessagesDialog account={account} onClose={() => setMessagesOpen(false)} /> : null}
    </li>
  );
}
