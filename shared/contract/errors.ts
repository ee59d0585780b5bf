/**
 * The typed error every operation may return instead of a result. The message
 * is Japanese and written for the user; `path` names the field at fault.
 */
export const ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'refused',
  'unknown_operation',
  'bad_request',
  'unauthorized',
  'newer_database',
  'io',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An operation's error as it crosses a boundary (the host's answer, the preload's). Written out rather than taken from a
 * zod schema, so the threads that only throw errors (the chart worker) load no zod.
 */
export interface OpError {
  code: ErrorCode;
  message: string;
  path?: (string | number)[];
  issues?: { path: (string | number)[]; message: string }[];
}

export type OpResult<T> = { ok: true; value: T } | { ok: false; error: OpError };

/** Thrown inside the core to end an operation with a user-facing error. */
export class RenkeiError extends Error {
  readonly code: ErrorCode;
  readonly path: (string | number)[] | undefined;
  readonly issues: OpError['issues'];

  constructor(code: ErrorCode, message: string, options: { path?: (string | number)[]; issues?: OpError['issues'] } = {}) {
    super(message);
    this.name = 'RenkeiError';
    this.code = code;
    this.path = options.path;
    this.issues = options.issues;
  }

  toOpError(): OpError {
    return {
      code: this.code,
      message: this.message,
      ...(this.path ? { path: this.path } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
    };
  }
}

/** HTTP status for each error code, used by the loopback host. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation: 422,
  not_found: 404,
  conflict: 409,
  refused: 409,
  unknown_operation: 404,
  bad_request: 400,
  unauthorized: 401,
  newer_database: 409,
  io: 500,
  unavailable: 503,
  internal: 500,
};
