import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { AppError } from '../../../src-shared/errors';
import type { MediaHostingView } from '../../../src-shared/mediaHosting';
import type { AppInfo } from '../../../src-shared/models';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { useStores } from '../../stores/context';
import { hostingDraft, hostingInput, type HostingDraft } from './hostingForm';
import { useMediaHosting } from './useMediaHosting';

const KINDS: Array<{ kind: HostingDraft['kind']; label: string }> = [
  { kind: 'none', label: 'Public links only' },
  { kind: 's3', label: 'My S3-compatible bucket' },
  { kind: 'tunnel', label: 'My tunnel' },
];

/**
 * Settings → Media hosting: where Instagram fetches files from in live mode (it has no upload API).
 * The bucket's secret key is write-only: the form says it is stored and never shows it.
 */
export function MediaHostingSection({ info }: { info: AppInfo }) {
  const { ui } = useStores();
  const hosting = useMediaHosting();
  const id = useId();
  const [view, setView] = useState<MediaHostingView | null>(null);
  const [draft, setDraft] = useState<HostingDraft>(hostingDraft({ kind: 'none' }));
  const [error, setError] = useState<AppError | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'saving' | 'checking' | null>(null);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    void hosting.read().then((result) => {
      if (!result) return;
      if (!result.ok) return setError(result.error);
      setView(result.value);
      setDraft(hostingDraft(result.value));
    });
  }, [hosting]);

  const update = (patch: Partial<HostingDraft>) => {
    setChecked(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setChecked(false);
    const input = hostingInput(draft, view?.kind === 's3' && view.secretStored);
    if (!input.ok) return setFieldError(input.problem);
    setFieldError(null);
    setBusy('saving');
    const result = await hosting.save(input.value);
    setBusy(null);
    if (!result.ok) return setError(result.error);
    setView(result.value);
    setDraft(hostingDraft(result.value));
    ui.getState().notify({ kind: 'success', text: 'Media hosting saved.', timeoutMs: 8000 });
  }

  async function check() {
    setError(null);
    setChecked(false);
    setBusy('checking');
    const result = await hosting.check();
    setBusy(null);
    if (result.ok) setChecked(true);
    else setError(result.error);
  }

  const secretStored = view?.kind === 's3' && view.secretStored;
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Media hosting</h2>
      <p className="field-help">
        Instagram fetches every photo and video from a public address. Choose where Postdeck puts files from this
        computer while a post is published; each file is taken down once the post is out.
      </p>
      {info.mode === 'sandbox' ? (
        <p className="notice-inline">In Sandbox mode the sandbox hosts media itself: nothing to set up. This choice is for live mode.</p>
      ) : null}
      <form className="form" noValidate onSubmit={(e) => void save(e)}>
        <fieldset className="field choice-group">
          <legend className="field-label">Hosting</legend>
          <div className="choices">
            {KINDS.map(({ kind, label }) => (
              <label key={kind} className="choice">
                <input type="radio" name={`${id}-kind`} value={kind} checked={draft.kind === kind} onChange={() => update({ kind })} />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        {draft.kind === 'none' ? (
          <p className="field-help">Paste a public https:// address for each photo or video in the composer. Files from this computer cannot be published.</p>
        ) : null}
        {draft.kind === 's3' ? (
          <>
            <Field label="Endpoint" type="url" value={draft.endpoint} placeholder="https://s3.eu-west-1.amazonaws.com" spellCheck={false} help="AWS S3, Cloudflare R2, Backblaze B2 or MinIO; https, or http on 127.0.0.1." onChange={(e) => update({ endpoint: e.target.value })} />
            <Field label="Region" value={draft.region} placeholder="us-east-1" spellCheck={false} help="R2 uses “auto”." onChange={(e) => update({ region: e.target.value })} />
            <Field label="Bucket" value={draft.bucket} spellCheck={false} onChange={(e) => update({ bucket: e.target.value })} />
            <Field label="Access key ID" value={draft.accessKeyId} autoComplete="off" spellCheck={false} help="A key that may put, get and delete objects in this bucket only." onChange={(e) => update({ accessKeyId: e.target.value })} />
            <Field
              label="Secret access key"
              type="password"
              value={draft.secretAccessKey}
              autoComplete="new-password"
              placeholder={secretStored ? 'Stored securely; type to replace' : ''}
              help="Sealed like your Instagram tokens and never shown again."
              onChange={(e) => update({ secretAccessKey: e.target.value })}
            />
            <label className="choice">
              <input type="checkbox" checked={draft.forcePathStyle} onChange={(e) => update({ forcePathStyle: e.target.checked })} />
              Path-style addresses (MinIO and servers without per-bucket host names)
            </label>
          </>
        ) : null}
        {draft.kind === 'tunnel' ? (
          <>
            <Field label="Local port" inputMode="numeric" value={draft.localPort} help="Postdeck serves files on 127.0.0.1 at this port; point your tunnel at it, e.g. cloudflared tunnel --url http://127.0.0.1:5180" onChange={(e) => update({ localPort: e.target.value })} />
            <Field label="Public address of the tunnel" type="url" value={draft.publicBaseUrl} placeholder="https://" spellCheck={false} help="Must be https:// (Instagram fetches over the internet); only 127.0.0.1 may use http://." onChange={(e) => update({ publicBaseUrl: e.target.value })} />
          </>
        ) : null}
        {fieldError ? <p className="field-error">{fieldError}</p> : null}
        {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
        {checked ? <p className="notice-inline notice-success">Hosting works: a test file went up and came back the way Instagram fetches it.</p> : null}
        <div className="form-buttons">
          <button type="submit" className="button button-primary" disabled={busy !== null}>
            {busy === 'saving' ? 'Saving…' : 'Save hosting'}
          </button>
          <button type="button" className="button button-secondary" disabled={busy !== null || view?.kind === 'none' || view === null} onClick={() => void check()}>
            {busy === 'checking' ? 'Checking…' : 'Check hosting'}
          </button>
        </div>
      </form>
    </section>
  );
}
