/**
 * Parallel's error responses (parallel-task-api.md §11): every non-2xx body is
 * `{"type":"error","error":{"ref_id","message","detail"}}`. Handlers throw a
 * {@link ParallelHttpError}; the router turns it into that body with a fresh `ref_id`.
 */
import type { HeaderMap } from '../http-util.js';

/** The `error` object of an error body (also a failed run's `run.error`). */
export interface ParallelErrorObject {
  ref_id: string;
  message: string;
  detail: Record<string, unknown> | null;
}

/** A whole error body. */
export interface ParallelErrorBody {
  type: 'error';
  error: ParallelErrorObject;
}

/** A request the mock refuses with a status and an API-shaped body. */
export class ParallelHttpError extends Error {
  override name = 'ParallelHttpError' as const;
  readonly status: number;
  readonly detail: Record<string, unknown> | null;
  readonly headers: HeaderMap;

  constructor(status: number, message: string, options: { detail?: Record<string, unknown> | null; headers?: HeaderMap } = {}) {
    super(message);
    this.status = status;
    this.detail = options.detail ?? null;
    this.headers = options.headers ?? {};
  }
}

/** Builds the error body. */
export function parallelErrorBody(refId: string, message: string, detail: Record<string, unknown> | null = null): ParallelErrorBody {
  return { type: 'error', error: { ref_id: refId, message, detail } };
}

/** 401 for a request without (or, in the `unauthorized` scenario, with a rejected) `x-api-key`. */
export function unauthorized(hadKey: boolean): ParallelHttpError {
  return new ParallelHttpError(
    401,
    hadKey ? 'Invalid API key. Check the x-api-key header.' : 'Missing API key. Send it in the x-api-key header.',
  );
}

/** 404 for an unknown run id. */
export function runNotFound(runId: string): ParallelHttpError {
  return new ParallelHttpError(404, `Run ${runId} not found`);
}

/** 422 for invalid input, with the offending location in `detail.errors`. */
export function invalidInput(message: string, loc: ReadonlyArray<string | number>): ParallelHttpError {
  return new ParallelHttpError(422, message, { detail: { errors: [{ loc: ['body', ...loc], msg: message }] } });
}
