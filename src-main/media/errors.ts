import type { MediaErrorCode } from '../../src-shared/mediaErrors';
import { Failure } from '../config/failure';
import { NotARegularFile } from '../config/regularFile';
import type { Problem } from '../../src-shared/publishingRules';

/**
 * A photo or video Postdeck cannot take, with the reason: a Failure (so the IPC boundary answers it
 * as it is) that also carries the Instagram rules the file breaks.
 */
export class MediaError extends Failure {
  /** Instagram's rules the file breaks, when that is the reason (a video too short, a codec...). */
  readonly problems: Problem[];

  constructor(code: MediaErrorCode, detail?: string, problems: Problem[] = []) {
    super(code, detail);
    this.problems = problems;
  }
}

export function isMediaError(value: unknown): value is MediaError {
  return value instanceof MediaError;
}

/** File-system failures as the user would describe them; anything else is not ours to name. */
export function mediaErrorFromFs(error: unknown): unknown {
  if (isMediaError(error)) return error;
  if (error instanceof NotARegularFile) return new MediaError('media_not_a_file');
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
    case 'ENAMETOOLONG':
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
