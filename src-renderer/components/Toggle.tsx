import { useId } from 'react';

interface Props {
  label: string;
  checked: boolean;
  disabled?: boolean;
  description?: string;
  onChange(checked: boolean): void;
}

/** An on/off switch: a real checkbox with role="switch", so keyboard and screen readers just work. */
export function Toggle({ label, checked, disabled = false, description, onChange }: Props) {
  const id = useId();
  return (
    <div className="toggle">
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="toggle-input"
        checked={checked}
        disabled={disabled}
        aria-describedby={description ? `${id}-desc` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className="toggle-label">
        {label}
      </label>
      {description ? (
        <p id={`${id}-desc`} className="field-help toggle-description">
          {description}
        </p>
      ) : null}
    </div>
  );
}
