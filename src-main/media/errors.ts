import { mediaErrorCatalog, type MediaErrorCode } from '../../src-shared/mediaErrors';
import type { Problem } from '../../src-shared/publishingRules';

export interface MediaAppError {
  code: MediaErrorCode;
  message: string;
  action: string;
  detail?: string;
}

/**
 * A photo or video Postdeck cannot take, with the reason. Recognised by `name` (like `Failure`), and
 * `error` has the `AppError` shape so the IPC layer can pass it on as it is.
 */
export class MediaError extends Error {
  override readonly name = 'MediaError';
  readonly error: MediaAppError;
  /** Instagram's rules the file breaks, when that is the reason (a video too short, a codec...). */
  readonly problems: Problem[];

  constructor(code: MediaErrorCode, detail?: string, problems: Problem[] = []) {
    const entry = mediaErrorCatalog[code];
    super(detail ? `${entry.message} ${detail}` : entry.message);
    this.error = { code, message: entry.message, action: entry.action, ...(detail ? { detail } : {}) };
    this.problems = problems;
  }

  get code(): MediaErrorCode {
    return this.error.code;
  }
}

export function isMediaError(value: unknown): value is MediaError {
  return value instanceof Error && value.name === 'MediaError' && 'error' in value;
}

/** File-system failures as the user would describe them; anything else is not ours to name. */
export function mediaErrorFromFs(error: unknown): unknown {
  if (isMediaError(error)) return error;
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return new MediaError('media_file_missing');
    case 'EISDIR':
      return new MediaError('media_not_a_file');
    case 'EACCES':
    case 'EPERM':
      return new MediaError('media_permission_denied');
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EROFS':
      return new MediaError('media_storage_failed');
    default:
      return error;
  }
}
