const FOCUSABLE = 'input:not([disabled]):not([hidden]), textarea:not([disabled]), select:not([disabled]), button:not([disabled])';

/**
 * The control to take the keyboard to after a refusal: the first one marked invalid, or, for a field that
 * is a group (the media, a Reel's cover, the account), the first control of the first group showing an error.
 */
export function firstInvalidControl(form: HTMLElement): HTMLElement | null {
  const first = form.querySelector<HTMLElement>('[aria-invalid="true"], .field-error');
  if (!first || first.matches('[aria-invalid="true"]')) return first;
  return first.closest('.media-input, .field')?.querySelector<HTMLElement>(FOCUSABLE) ?? null;
}
