import { useEffect, useId, useRef, useState } from 'react';
import { parseUsernameEntry } from './tagging';
import './composerExtras.css';

interface EntryProps {
  id: string;
  /** The names already in the list (a repeat is refused) and how many it may hold. */
  existing: readonly string[];
  max: number;
  what: string;
  /** The help line the field is described by, besides its refusal. */
  helpId?: string;
  buttonLabel: string;
  /** A problem found on saving, shown like a refusal. */
  error?: string | undefined;
  autoFocus?: boolean;
  onAdd(username: string): void;
  /** Backspace in the empty field: the last name goes (chips do this). */
  onRemoveLast?: () => void;
}

/**
 * One username typed and added with Enter or the button. A leading @ is dropped; a name Instagram would
 * refuse, a repeat or one past the limit is refused at once, in a sentence under the field.
 */
export function UsernameEntry({ id, existing, max, what, helpId, buttonLabel, error, autoFocus = false, onAdd, onRemoveLast }: EntryProps) {
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const problem = refusal ?? error ?? null;
  useEffect(() => {
    // Without scrolling: in a carousel's preview a focus scroll would leave the slides between two positions.
    if (autoFocus) input.current?.focus({ preventScroll: true });
  }, [autoFocus]);

  function add() {
    const entry = parseUsernameEntry(typed, existing, max, what);
    if (!entry.ok) {
      setRefusal(entry.reason);
      return;
    }
    onAdd(entry.username);
    setTyped('');
    setRefusal(null);
  }

  const describedBy = [helpId, problem ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <>
      <div className="chip-entry">
        <input
          ref={input}
          id={id}
          value={typed}
          placeholder="@username"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => {
            setTyped(e.target.value);
            setRefusal(null);
          }}
          onKeyDown={(e) => {
            // Enter would submit the composer's form; here it adds the name.
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              add();
            } else if (e.key === 'Backspace' && typed === '' && onRemoveLast) onRemoveLast();
          }}
        />
        <button type="button" className="button button-secondary" onClick={add}>
          {buttonLabel}
        </button>
      </div>
      {problem ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
}

interface ChipsProps {
  label: string;
  /** The chips' own name, apart from the field's: "Collaborators invited". */
  listLabel: string;
  help: string;
  values: readonly string[];
  max: number;
  /** What the names are, in the sentence said at the limit: "collaborators", "people tagged". */
  what: string;
  error?: string | undefined;
  onChange(values: string[]): void;
}

/** Instagram usernames as removable chips, added one at a time. */
export function UsernameChips({ label, listLabel, help, values, max, what, error, onChange }: ChipsProps) {
  const id = useId();
  return (
    <div className="field field-wide username-chips">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-help`} className="field-help">
        {help} {values.length} of {max}.
      </p>
      {values.length > 0 ? (
        <ul className="chips" aria-label={listLabel}>
          {values.map((name) => (
            <li key={name} className="chip">
              @{name}
              <button type="button" className="chip-remove" aria-label={`Remove @${name}`} onClick={() => onChange(values.filter((other) => other !== name))}>
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <UsernameEntry
        id={id}
        existing={values}
        max={max}
        what={what}
        helpId={`${id}-help`}
        buttonLabel="Add"
        error={error}
        onAdd={(name) => onChange([...values, name])}
        onRemoveLast={() => onChange(values.slice(0, -1))}
      />
    </div>
  );
}
