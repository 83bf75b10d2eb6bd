import { appError, fieldError, type AppError, type ErrorCode, type FieldProblem } from '../../src-shared/errors';

/**
 * An expected failure with a user-facing code. Thrown inside main, turned into `{ ok: false, error }`
 * at the IPC boundary. Recognised by `name`, not `instanceof`, so it survives bundling boundaries.
 */
export class Failure extends Error {
  override readonly name = 'PostdeckFailure';
  readonly error: AppError;

  /** `detail` as reasons with their fields, for a refusal of what a request held (the detail then lists them all). */
  constructor(code: ErrorCode, detail?: string | FieldProblem[]) {
    const error = Array.isArray(detail) ? fieldError(code, detail) : appError(code, detail);
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
