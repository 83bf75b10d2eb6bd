import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { AppError, Result } from '../../../src-shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { describeExport, describeImport, suggestedExportName, validateTransfer, type TransferErrors, type TransferFields } from './transferForm';
import { useTransfer } from './useTransfer';

type Outcome = { kind: 'done'; text: string } | { kind: 'failed'; error: AppError } | null;

/** One export or import run: the fields checked first, busy while it runs, then its result sentence or its error. */
function useTransferRun() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<TransferErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  /** True when the call went through. */
  async function submit<T>(event: FormEvent, fields: TransferFields, call: () => Promise<Result<T>>, describe: (value: T) => string): Promise<boolean> {
    event.preventDefault();
    const found = validateTransfer(fields);
    setErrors(found);
    if (Object.keys(found).length > 0) return false;
    setBusy(true);
    const result = await call();
    setBusy(false);
    setOutcome(result.ok ? { kind: 'done', text: describe(result.value) } : { kind: 'failed', error: result.error });
    return result.ok;
  }
  const shown = (
    <>
      {outcome?.kind === 'done' ? <p role="status">{outcome.text}</p> : null}
      {outcome?.kind === 'failed' ? <ErrorNotice error={outcome.error} /> : null}
    </>
  );
  return { busy, errors, submit, shown };
}

function ExportForm() {
  const transfer = useTransfer();
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [includeMessages, setIncludeMessages] = useState(false);
  const { busy, errors, submit: run, shown } = useTransferRun();
  const { browser } = transfer;

  async function submit(event: FormEvent) {
    const done = browser
      ? await run(
          event,
          { passphrase, repeat },
          () => browser.exportDownload(passphrase, suggestedExportName(new Date()), includeMessages),
          (counts) => describeExport(counts, `${suggestedExportName(new Date())} in your downloads`),
        )
      : await run(event, { path, passphrase, repeat }, () => transfer.exportData({ path: path.trim(), passphrase, includeMessages }), (result) => describeExport(result, result.path));
    if (done) {
      setPassphrase('');
      setRepeat('');
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby="export-heading">
      <h3 id="export-heading">Export</h3>
      <p className="muted">
        Writes accounts, settings, media and posts to one file{browser ? ', which your browser downloads' : ''}. Instagram access inside it is
        sealed under the passphrase.
      </p>
      {browser ? null : (
        <>
          <Field label="Save to (full path)" value={path} onChange={(e) => setPath(e.target.value)} error={errors.path} placeholder="/home/me/postdeck.pdx" />
          {transfer.files ? <ChooseExportPath choose={transfer.files.chooseExportPath} onChosen={setPath} /> : null}
        </>
      )}
      <Field label="Passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} error={errors.passphrase} help="At least 8 characters. You need it to import." />
      <Field label="Passphrase again" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} error={errors.repeat} />
      <div>
        <label className="checkbox">
          <input type="checkbox" checked={includeMessages} aria-describedby="export-messages-help" onChange={(e) => setIncludeMessages(e.target.checked)} />
          Include messages
        </label>
        <p id="export-messages-help" className="field-help">
          Direct messages are other people’s words, so they stay out of the file unless you tick this.
        </p>
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Exporting…' : browser ? 'Export and download' : 'Export'}
      </button>
      {shown}
    </form>
  );
}

function ImportForm() {
  const transfer = useTransfer();
  const [path, setPath] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const { busy, errors, submit: run, shown } = useTransferRun();
  const { browser } = transfer;

  async function submit(event: FormEvent) {
    const done = browser
      ? await run(event, { file, passphrase }, () => browser.importUpload(file!, passphrase), describeImport)
      : await run(event, { path, passphrase }, () => transfer.importData({ path: path.trim(), passphrase }), describeImport);
    if (done) setPassphrase('');
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby="import-heading">
      <h3 id="import-heading">Import</h3>
      <p className="muted">
        The same Instagram account is updated, never added twice. Posts that were being published on the other machine arrive held, so
        nothing is published twice.
      </p>
      {browser ? (
        <UploadField file={file} onChosen={setFile} error={errors.file} />
      ) : (
        <>
          <Field label="Export file (full path)" value={path} onChange={(e) => setPath(e.target.value)} error={errors.path} placeholder="/home/me/postdeck.pdx" />
          {transfer.files ? <ChooseExportFile pathOf={transfer.files.pathOf} onChosen={setPath} /> : null}
        </>
      )}
      <Field label="Passphrase" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} error={errors.passphrase} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Importing…' : 'Import'}
      </button>
      {shown}
    </form>
  );
}

/** Browser host: the export file is chosen here and uploaded to Postdeck when Import is pressed. */
function UploadField({ file, onChosen, error }: { file: File | null; onChosen: (file: File | null) => void; error: string | undefined }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Export file</label>
      <input
        id={id}
        type="file"
        accept=".pdx"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChosen(e.target.files?.[0] ?? null)}
      />
      {file ? <span className="field-help">{file.name}</span> : null}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** Desktop: the system's Save dialog fills the path (the browser host cannot offer one). */
function ChooseExportPath({ choose, onChosen }: { choose: (suggestedName: string) => Promise<string | null>; onChosen: (path: string) => void }) {
  return (
    <button
      type="button"
      className="button button-secondary"
      onClick={() => void choose(suggestedExportName(new Date())).then((chosen) => chosen && onChosen(chosen))}
    >
      Choose where to save…
    </button>
  );
}

/** Desktop: a picked file's path fills the field. */
function ChooseExportFile({ pathOf, onChosen }: { pathOf: (file: File) => string; onChosen: (path: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".pdx"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file && pathOf(file)) onChosen(pathOf(file));
          e.target.value = '';
        }}
      />
      <button type="button" className="button button-secondary" onClick={() => input.current?.click()}>
        Choose file…
      </button>
    </>
  );
}

/** Settings → Export / import: move accounts to another machine. */
export function TransferSection() {
  return (
    <section className="card" aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">Export / import</h2>
      <ExportForm />
      <ImportForm />
    </section>
  );
}
