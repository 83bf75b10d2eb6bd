import { appError, type AppError, type ErrorCode } from '../../src-shared/errors';

/**
 * An expected failure with a user-facing code. Thrown inside main, turned into `{ ok: false, error }`
 * at the IPC boundary. Recognised by `name`, not `instanceof`, so it survives bundling boundaries.
 */
export class Failure extends Error {
  override readonly name = 'PostdeckFailure';
  readonly error: AppError;

  constructor(code: ErrorCode, detail?: string) {
    const error = appError(code, detail);
    super(error.message);
    this.error = error;
  }

  get code(): ErrorCode {
    return this.error.code;
  }
}

export function isFailure(value: unknown): value is Failure {
  return value instanceof Error && value.name === 'PostdeckFailure' && 'error' in value;
}
