/**
 * What this page learned when it tried to reach a run it cannot follow (fresh3 b: a run whose key was
 * refused kept a blue "Queued" badge in the stream and the history for good, and read as waiting to
 * start). This is not a run status — the server gave none beyond the last one — but the outcome of
 * this page's requests, shown as such: the badge says it instead of the stale status, with what to
 * do in its title, and carries it as `data-reach` (`data-status` keeps the server's last status).
 *
 * - `key-rejected`: 401 — the key (or the one the proxy adds) was refused;
 * - `access-denied`: 403 — the key may not allow this, or the proxy refused the request;
 * - `not-found`: 404 — the server does not know the run (another key, a wrong proxy-url);
 * - `needs-settings`: no key or sign-in yet (the run waits for them and resumes by itself);
 * - `no-connection`: following it failed for good otherwise (gave up, a response that is not a stream).
 *
 * A run with a final status has none: its status says it all.
 */
import { isHttpStatusError } from '../../core/errors.js';
import { isTerminalStatus, type TaskRun } from '../../core/providers/task-event.js';
import type { RunConnectionSnapshot } from '../../core/store/run-session.js';
import { t } from './reach-strings.js';

export type RunReach = 'key-rejected' | 'access-denied' | 'not-found' | 'needs-settings' | 'no-connection';

/** `key-rejected` → `keyRejected`: the catalog keys of its words (reach-strings.ts). */
const keyOf = (reach: RunReach) => reach.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) as 'keyRejected';

/** The outcome of a refused request by its HTTP status (401, 403, 404), else undefined. */
export function reachOfError(error: unknown): RunReach | undefined {
  if (!isHttpStatusError(error)) return undefined;
  return error.status === 401 ? 'key-rejected' : error.status === 403 ? 'access-denied' : error.status === 404 ? 'not-found' : undefined;
}

/**
 * What stops this page from following `run`: its session's `connection` failed for good or waits
 * for settings, or `refusal` — a status request refused under the current settings (the history's
 * status refresh). Undefined while it can be followed, and for a run whose status is final.
 */
export function runReach(run: TaskRun, connection: RunConnectionSnapshot | undefined, refusal?: RunReach): RunReach | undefined {
  if (isTerminalStatus(run.status)) return undefined;
  if (connection?.phase === 'waiting-for-config') return 'needs-settings';
  if (connection?.phase === 'failed') return reachOfError(connection.error) ?? 'no-connection';
  return refusal;
}

/** The badge's words ("key rejected"). */
export const reachLabel = (reach: RunReach): string => t(`reach.${keyOf(reach)}`);

/** What to do (the badge's title). */
export const reachAdvice = (reach: RunReach): string => t(`reach.advice.${keyOf(reach)}`);
