import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { DEFAULT_PREFERENCES, type AppInfo } from '../../../src-shared/models';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ExternalLink } from '../../components/ExternalLink';
import { MediaHostingSection } from './MediaHostingSection';
import { Field } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { Toggle } from '../../components/Toggle';
import { UsagePanel } from '../comments/UsagePanel';
import { validateLiveConfig } from './liveConfigForm';
import type { FieldErrors } from './liveConfigForm';
import { useApp, usePreferences, useStores } from '../../stores/context';
import { TransferSection } from '../transfer/TransferSection';
import './settings.css';

function ModeSection({ info }: { info: AppInfo }) {
  return (
    <section className="card" aria-labelledby="mode-heading">
      <h2 id="mode-heading">Mode</h2>
      {info.mode === 'sandbox' ? (
        <p>
          <strong>Sandbox</strong> — the built-in emulator at <code>{info.sandboxUrl ?? 'a local address'}</code>.
          Nothing reaches Instagram.
        </p>
      ) : (
        <p>
          <strong>Live</strong> — Instagram App ID <code>{info.liveConfig?.appId ?? 'not set'}</code>.
        </p>
      )}
    </section>
  );
}

const HELP = (
  <>
    Copy these from the <ExternalLink to="metaApps">Meta App Dashboard</ExternalLink> → Instagram → API setup with Instagram login. The Instagram App ID is not the
    Meta App ID shown at the top of the dashboard. The redirect URI must be the https address registered there,
    exactly.
  </>
);

function LiveConfigForm({ info }: { info: AppInfo }) {
  const { app, ui } = useStores();
  const config = info.liveConfig;
  const fromEnvironment = config?.source === 'environment';
  const secretStored = config?.secretStored ?? false;

  const [appId, setAppId] = useState(config?.appId ?? '');
  const [redirectUri, setRedirectUri] = useState(config?.redirectUri ?? '');
  const [secret, setSecret] = useState('');
  const [replacingSecret, setReplacingSecret] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const checked = validateLiveConfig({ appId, appSecret: secret, redirectUri }, secretStored && !replacingSecret);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    const result = await app.getState().saveLiveConfig(checked.value);
    setSaving(false);
    if (!result.ok) {
      setFormError(result.error);
      return;
    }
    setSecret('');
    setReplacingSecret(false);
    ui.getState().notify({ kind: 'success', text: 'Instagram app settings saved.', timeoutMs: 10_000 });
  }

  async function switchToSandbox() {
    setFormError(null);
    const result = await app.getState().clearLiveConfig();
    if (!result.ok) setFormError(result.error);
    else ui.getState().notify({ kind: 'info', text: 'Postdeck now uses the built-in sandbox.', timeoutMs: 10_000 });
  }

  if (fromEnvironment && config) {
    return (
      <section className="card" aria-labelledby="live-heading">
        <h2 id="live-heading">Instagram app</h2>
        <p className="muted">
          Environment variables (POSTDECK_IG_APP_ID, POSTDECK_IG_APP_SECRET, POSTDECK_IG_REDIRECT_URI) set these values,
          so they cannot be changed here.
        </p>
        <Field label="Instagram App ID" value={config.appId} readOnly />
        <div className="field">
          <span className="field-label">Instagram App secret</span>
          <p>{config.secretStored ? 'Secret stored securely' : 'No secret set'}</p>
        </div>
        <Field label="Redirect URI" value={config.redirectUri} readOnly />
      </section>
    );
  }

  const showSecretInput = !secretStored || replacingSecret;
  const secretHelp = config?.secretDamaged
    ? 'The stored secret could not be opened (it is damaged, or secure storage was reset). Enter it again.'
    : 'Stored encrypted on this computer and never shown again.';

  return (
    <section className="card" aria-labelledby="live-heading">
      <h2 id="live-heading">Instagram app (live mode)</h2>
      <p className="field-help">{HELP}</p>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Field
          label="Instagram App ID"
          value={appId}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          error={errors.appId}
          help="Digits only, from “Instagram app ID” on the API setup page."
          onChange={(e) => setAppId(e.target.value)}
        />
        {showSecretInput ? (
          <Field
            label="Instagram App secret"
            type="password"
            value={secret}
            autoComplete="new-password"
            spellCheck={false}
            error={errors.appSecret ?? (config?.secretDamaged ? secretHelp : undefined)}
            help={secretHelp}
            onChange={(e) => setSecret(e.target.value)}
          />
        ) : (
          <div className="field">
            <span className="field-label">Instagram App secret</span>
            <div className="secret-stored">
              <span>Secret stored securely</span>
              <button type="button" className="button button-secondary" onClick={() => setReplacingSecret(true)}>
                Replace
              </button>
            </div>
          </div>
        )}
        <Field
          label="Redirect URI"
          type="url"
          value={redirectUri}
          autoComplete="off"
          spellCheck={false}
          placeholder="https://"
          error={errors.redirectUri}
          help="The https address registered for Instagram business login, character for character."
          onChange={(e) => setRedirectUri(e.target.value)}
        />
        {formError ? <ErrorNotice error={formError} /> : null}
        <div className="form-buttons">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          {config?.source === 'settings' ? (
            <button type="button" className="button button-secondary" onClick={() => void switchToSandbox()}>
              Use the sandbox instead
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

/** Two confirmations, because a reset throws away every saved Instagram access for good. */
function ResetSecureStorage() {
  const { app, ui } = useStores();
  const [step, setStep] = useState<0 | 1 | 2>(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function reset() {
    setBusy(true);
    const result = await app.getState().resetSecureStorage();
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setStep(0);
    ui.getState().notify({ kind: 'success', text: 'Secure storage was reset. Reconnect your accounts.', timeoutMs: 15_000 });
  }

  const close = () => {
    setStep(0);
    setError(null);
  };
  return (
    <>
      <button type="button" className="button button-danger" onClick={() => setStep(1)}>
        Reset secure storage…
      </button>
      {step === 1 ? (
        <ConfirmDialog title="Reset secure storage?" confirmLabel="Continue" onConfirm={() => setStep(2)} onCancel={close}>
          <p>
            Postdeck will discard every saved Instagram access and the App secret, and make a new key with the keyring
            you have now. Your accounts, their history and your settings stay. Afterwards, reconnect each account.
          </p>
          <p>If you can restore the previous keyring instead, quit Postdeck, restore it, and start Postdeck again.</p>
        </ConfirmDialog>
      ) : null}
      {step === 2 ? (
        <ConfirmDialog
          title="Discard all saved Instagram access?"
          confirmLabel="Reset secure storage"
          busyLabel="Resetting…"
          busy={busy}
          error={error ? <ErrorNotice error={error} /> : null}
          onConfirm={() => void reset()}
          onCancel={close}
        >
          <p>This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function SecureStorageSection({ info }: { info: AppInfo }) {
  const { app } = useStores();
  const [error, setError] = useState<AppError | null>(null);
  if (info.secureStorage === 'ok' && info.weakKeyringConsent === null) return null;

  async function setConsent(allow: boolean) {
    const result = await app.getState().setWeakKeyringConsent(allow);
    setError(result.ok ? null : result.error);
  }

  return (
    <section className="card" aria-labelledby="secure-storage-heading">
      <h2 id="secure-storage-heading">Secure storage</h2>
      {info.secureStorage === 'keyring_changed' ? (
        <>
          <p>
            The system keyring that protected Postdeck’s key has changed, so saved Instagram access cannot be opened.
            Restore the previous keyring and restart Postdeck, or reset secure storage and reconnect your accounts.
          </p>
          <ResetSecureStorage />
        </>
      ) : null}
      {info.weakKeyringConsent !== null ? (
        <Toggle
          label="Store Instagram access without the system keyring"
          description={info.keyProtectionWarning ?? undefined}
          checked={info.weakKeyringConsent === 'allowed'}
          onChange={(checked) => void setConsent(checked)}
        />
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}

/** How late a post whose slot passed while Postdeck was closed may still go out by itself. */
function GraceField({ minutes, disabled, onSave }: { minutes: number; disabled: boolean; onSave(minutes: number): void }) {
  const [text, setText] = useState(String(minutes));
  const value = Number(text);
  const valid = /^\d+$/.test(text.trim()) && value <= 24 * 60;
  return (
    <Field
      label="Missed slots: still publish up to this many minutes late"
      type="number"
      min={0}
      max={1440}
      value={text}
      disabled={disabled}
      error={valid ? undefined : 'A whole number of minutes from 0 to 1440.'}
      help="If Postdeck was closed at a post's time, it publishes when it starts again within this window; a later post waits for your approval instead."
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        if (valid && value !== minutes) onSave(value);
      }}
    />
  );
}

function PreferencesSection({ info }: { info: AppInfo }) {
  const preferences = usePreferences((s) => s.preferences);
  const error = usePreferences((s) => s.error);
  const saving = usePreferences((s) => s.saving);
  const setPreferences = usePreferences((s) => s.save);
  const web = info.host === 'web';
  const values = preferences ?? DEFAULT_PREFERENCES;
  const disabled = web || !preferences || saving;

  return (
    <section className="card" aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">Preferences</h2>
      {web ? (
        <p className="muted">
          These apply to the desktop app. In the browser, Postdeck runs only while its web host is running.
        </p>
      ) : null}
      <Toggle
        label="Keep running in the tray when the window closes"
        description="Scheduled posts go out only while Postdeck runs."
        checked={values.keepRunningInTray}
        disabled={disabled}
        onChange={(checked) => void setPreferences({ keepRunningInTray: checked })}
      />
      <Toggle
        label="Start Postdeck when I log in"
        checked={values.startAtLogin}
        disabled={disabled}
        onChange={(checked) => void setPreferences({ startAtLogin: checked })}
      />
      <Toggle
        label="Tell me about new comments"
        description="A system notification when Postdeck finds new comments on your posts."
        checked={values.notifyNewComments}
        disabled={disabled}
        onChange={(checked) => void setPreferences({ notifyNewComments: checked })}
      />
      <Toggle
        label="Tell me about new messages"
        description="A system notification when Postdeck finds new direct messages, for the accounts with messages on."
        checked={values.notifyNewMessages}
        disabled={disabled}
        onChange={(checked) => void setPreferences({ notifyNewMessages: checked })}
      />
      <GraceField minutes={values.missedSlotGraceMinutes} disabled={!preferences || saving} onSave={(minutes) => void setPreferences({ missedSlotGraceMinutes: minutes })} />
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}

export function SettingsScreen() {
  const info = useApp((s) => s.info);
  if (!info) return <p className="muted">Loading settings…</p>;
  // Keyed so the form restarts from the saved values whenever the configuration changes.
  const configKey = JSON.stringify(info.liveConfig);
  return (
    <Screen name="settings" title="Settings">
      <ModeSection info={info} />
      <SecureStorageSection info={info} />
      <LiveConfigForm key={configKey} info={info} />
      <MediaHostingSection info={info} />
      <PreferencesSection info={info} />
      <TransferSection />
      <UsagePanel />
      <p className="muted version">Postdeck {info.version}</p>
    </Screen>
  );
}
