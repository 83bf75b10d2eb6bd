import type { ChannelOutput } from '../../../src-shared/ipc';

/**
 * The desktop names a `path` (typed or from its dialogs); the browser host uploads a `file` to import (null until
 * one is chosen) and needs neither to export, since the export arrives as a download.
 */
export interface TransferFields {
  path?: string;
  file?: File | null;
  passphrase: string;
  /** Export only: the passphrase typed a second time. */
  repeat?: string;
}

export type TransferErrors = Partial<Record<keyof TransferFields, string>>;

const MIN_PASSPHRASE = 8;

/** What is wrong with the form before anything is sent; the main side checks the same again. */
export function validateTransfer(fields: TransferFields): TransferErrors {
  const errors: TransferErrors = {};
  const path = fields.path?.trim();
  if (path === '') errors.path = 'Enter the full path of the file.';
  else if (path !== undefined && !/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path)) errors.path = 'Give the full path, starting at the top of the disk (for example /home/me/postdeck.pdx).';
  if (fields.file === null) errors.file = 'Choose the export file.';
  if (fields.passphrase.length < MIN_PASSPHRASE) errors.passphrase = `The passphrase must be at least ${MIN_PASSPHRASE} characters.`;
  else if (fields.repeat !== undefined && fields.repeat !== fields.passphrase) errors.repeat = 'The two passphrases are not the same.';
  return errors;
}

/** What the Save dialog suggests: postdeck-2026-11-25.pdx, in the user's own date. */
export function suggestedExportName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `postdeck-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.pdx`;
}

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/** "a, b and c": the last two joined by "and". */
const listed = (parts: string[]) => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);

/** Messages are named only when some went in (they go only when the user ticks "Include messages"). */
const withMessages = (parts: string[], messages: number | undefined) => (messages ? [...parts, plural(messages, 'direct message')] : parts);

/** `where` the file went: its path on the desktop, the downloaded file's name in a browser. */
export function describeExport(result: Omit<ChannelOutput<'data.export'>, 'path'>, where: string): string {
  const parts = withMessages([plural(result.accounts, 'account'), plural(result.posts, 'post'), plural(result.media, 'media file')], result.messages);
  return `Exported ${listed(parts)} to ${where}. Keep the passphrase: the file cannot be opened without it.`;
}

export function describeImport(result: ChannelOutput<'data.import'>): string {
  const { added, updated } = result.accounts;
  const parts = withMessages([plural(result.posts, 'post'), plural(result.media, 'media file')], result.messages);
  return `Imported ${plural(added, 'new account')} and updated ${plural(updated, 'account')} already here; added ${listed(parts)}.`;
}
