import { useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import type { Account } from '../../../src-shared/models';
import { AccountRow } from './AccountRow';
import { Banner } from '../../components/Banner';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConnectStatus } from './ConnectStatus';
import { ErrorNotice } from '../../components/ErrorNotice';
import { unhealthySummary } from '../../lib/format';
import { MANAGE_ACCESS_LABEL, MANAGE_ACCESS_PATH } from './manageAccess';
import { useNow } from '../../lib/useNow';
import { useAccounts, useApp, useConnect, useStores } from '../../stores/context';
import './accounts.css';

function ConnectButton({ primary = true }: { primary?: boolean }) {
  const phase = useConnect((s) => s.phase);
  const start = useConnect((s) => s.start);
  return (
    <button
      type="button"
      className={`button ${primary ? 'button-primary' : 'button-secondary'}`}
      disabled={phase !== 'idle'}
      // start() opens the popup synchronously, inside this click, so popup blockers allow it.
      onClick={() => start('new')}
    >
      Connect Instagram
    </button>
  );
}

function EmptyState({ sandbox }: { sandbox: boolean }) {
  return (
    <div className="empty-state">
      <h2>No Instagram accounts yet</h2>
      <p>
        Connecting opens Instagram’s sign-in window, where you pick a Business or Creator account and allow Postdeck to
        publish, read insights and manage comments for it; the access stays encrypted on this computer.
      </p>
      {sandbox ? <p className="muted">In the sandbox, choose one of the emulator’s test accounts.</p> : null}
      <ConnectButton />
      <ConnectStatus place="new" />
    </div>
  );
}

function DisconnectDialog({ account, onClose }: { account: Account; onClose(): void }) {
  const { accounts, ui } = useStores();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await accounts.getState().disconnect(account.id);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onClose();
    ui.getState().notify({
      kind: 'info',
      text: `@${account.username} was disconnected and its token was deleted from this computer. To also remove Postdeck’s access at Instagram, visit`,
      link: { to: 'manageAccess', label: MANAGE_ACCESS_LABEL },
      after: ` (${MANAGE_ACCESS_PATH}).`,
    });
  }

  return (
    <ConfirmDialog
      title={`Disconnect @${account.username}?`}
      confirmLabel="Disconnect"
      busyLabel="Disconnecting…"
      busy={busy}
      error={error ? <ErrorNotice error={error} /> : null}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>Postdeck deletes this account’s access token from this computer now and stops publishing to it.</p>
      <p>
        Instagram still lists Postdeck as allowed until you remove it there: visit {MANAGE_ACCESS_LABEL} (
        {MANAGE_ACCESS_PATH}).
      </p>
    </ConfirmDialog>
  );
}

export function AccountsScreen() {
  const accounts = useAccounts((s) => s.accounts);
  const loaded = useAccounts((s) => s.loaded);
  const listError = useAccounts((s) => s.errors.list);
  const checkAllError = useAccounts((s) => s.errors.checkAll);
  const checkingAll = useAccounts((s) => s.checkingAll);
  const fetchAccounts = useAccounts((s) => s.fetch);
  const check = useAccounts((s) => s.check);
  const clearError = useAccounts((s) => s.clearError);
  const info = useApp((s) => s.info);
  const now = useNow();
  const [disconnecting, setDisconnecting] = useState<Account | null>(null);

  const unhealthy = unhealthySummary(accounts);
  const hasAccounts = accounts.length > 0;

  return (
    <section className="screen" aria-labelledby="accounts-heading">
      {info?.keyProtectionWarning ? <Banner tone="warning">{info.keyProtectionWarning}</Banner> : null}
      {info?.secureStorage === 'keyring_changed' ? (
        <Banner tone="danger">
          The system keyring changed, so saved Instagram access cannot be opened. Restore the previous keyring and
          restart Postdeck, or open Settings → Secure storage to reset it, then reconnect.
        </Banner>
      ) : null}
      {unhealthy ? (
        <Banner tone="danger">
          {unhealthy} Use Reconnect on {accounts.filter((a) => a.health.state === 'unhealthy').length === 1 ? 'it' : 'each'}{' '}
          to restore access.
        </Banner>
      ) : null}

      <div className="screen-head">
        <h1 id="accounts-heading" tabIndex={-1} data-focus-fallback>
          Accounts
        </h1>
        {hasAccounts ? (
          <div className="toolbar">
            <ConnectButton />
            <button
              type="button"
              className="button button-secondary"
              disabled={checkingAll}
              onClick={() => void check()}
            >
              {checkingAll ? 'Checking…' : 'Check all'}
            </button>
          </div>
        ) : null}
      </div>

      {hasAccounts ? <ConnectStatus place="new" /> : null}
      {checkAllError ? <ErrorNotice error={checkAllError} onDismiss={() => clearError('checkAll')} /> : null}
      {listError ? <ErrorNotice error={listError} onRetry={() => void fetchAccounts()} /> : null}

      {!loaded && !listError ? <p className="muted">Loading accounts…</p> : null}
      {loaded && !hasAccounts ? <EmptyState sandbox={info?.mode === 'sandbox'} /> : null}
      {hasAccounts ? (
        <ul className="account-list" role="list" aria-label="Connected Instagram accounts">
          {accounts.map((account) => (
            <AccountRow key={account.id} account={account} now={now} onDisconnect={setDisconnecting} />
          ))}
        </ul>
      ) : null}

      {disconnecting ? <DisconnectDialog account={disconnecting} onClose={() => setDisconnecting(null)} /> : null}
    </section>
  );
}
