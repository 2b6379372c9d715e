/**
 * Waiting, for a run's session: the owner's stream within the connection budget (stream-slots.ts): the run's session starts
 * once a slot is held; until then the run's status is polled every `pollMs` (a run nobody can
 * stream still moves in every view), and a run that ends meanwhile is confirmed without a stream.
 * A slot taken away by the run this page shows ends the session, and the run waits again. And
 * the follower's wait for a silent owner ({@link untilSilent}).
 */
import { isTerminalStatus } from '../providers/task-event.js';
import { providerFor } from '../store/providers.js';
import { quietStatus, type StatusAccess } from '../store/run-status.js';
import type { RunSessionDeps } from '../store/run-session-types.js';
import { sleep } from '../util/environment.js';
import { takeSlot, trySlot } from './stream-slots.js';
import type { TabCoordinator, TabLease } from './tab-coordinator.js';

/** Status polling of a run that waits for a slot, in ms. @default 10_000 */
export const QUEUED_POLL_MS = 10_000;

export interface BudgetedStream {
  runId: string;
  /** The owner's deps (what it applies is fanned out). */
  deps: RunSessionDeps;
  coordinator: TabCoordinator;
  maxStreams: number;
  pollMs?: number;
  /** Whether this page shows the run (it comes first). */
  shown(): boolean;
  /** Starts the run's session, holding `slot` (none: the run ended while it waited). */
  start(slot: TabLease | undefined): void;
  /** The slot was taken away: end the session. */
  halt(): void;
}

/** Runs `stream` until `signal` aborts or its slot is given back (release: the session ended). */
export async function streamWithinBudget(stream: BudgetedStream, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const free = await trySlot(stream.coordinator, stream.maxStreams, stream.shown, signal).catch(() => undefined);
    if (signal.aborted) return free?.release();
    if (free) {
      if (await streamHolding(stream, free, signal)) continue;
      return;
    }
    const waiting = new AbortController();
    const stop = () => waiting.abort();
    signal.addEventListener('abort', stop, { once: true });
    let ended = false;
    void pollWhileWaiting(stream, waiting.signal).then((over) => {
      if (!over) return;
      ended = true;
      waiting.abort();
    });
    let slot: TabLease | undefined;
    try {
      slot = await takeSlot(stream.coordinator, stream.maxStreams, stream.shown, waiting.signal);
    } catch {
      slot = undefined;
    } finally {
      waiting.abort(); // ends the polling
      signal.removeEventListener('abort', stop);
    }
    if (signal.aborted) return slot?.release();
    if (!slot && !ended) continue;
    if (!slot) return endedWhileWaiting(stream);
    if (!(await streamHolding(stream, slot, signal))) return;
  }
}

/**
 * The run ended while it waited: a Parallel run's progress since then is lost (Parallel answers a
 * connection to a finished run with its final state only), which its view says (`logIncomplete`).
 * Shannon resumes from the run's cursor (`Last-Event-ID`), so its log is complete.
 */
function endedWhileWaiting(stream: BudgetedStream): void {
  const run = stream.deps.store.getRun(stream.runId);
  if (run?.provider === 'parallel' && !run.logIncomplete) stream.deps.store.updateRun(stream.runId, { logIncomplete: true });
  stream.start(undefined);
}

/** Starts the session holding `slot`; resolves true when the slot was taken away (the session halted). */
async function streamHolding(stream: BudgetedStream, slot: TabLease, signal: AbortSignal): Promise<boolean> {
  stream.start(slot);
  const taken = await new Promise<boolean>((resolve) => {
    slot.lost.addEventListener('abort', () => resolve(true), { once: true });
    signal.addEventListener('abort', () => resolve(false), { once: true });
  });
  if (taken) stream.halt();
  return taken;
}

/** Polls the status until `signal` aborts; resolves true when the run is over. */
async function pollWhileWaiting(stream: BudgetedStream, signal: AbortSignal): Promise<boolean> {
  const { runId, deps } = stream;
  const run = deps.store.getRun(runId);
  if (!run) return false;
  const waiting = { streams: stream.maxStreams, pollMs: stream.pollMs ?? QUEUED_POLL_MS };
  deps.setConnection({ state: 'closed', phase: 'idle', attempt: 0, lastEventId: run.lastEventId ?? '', queued: true, waiting });
  const provider = providerFor(run.provider);
  const access: StatusAccess = {
    runId,
    store: deps.store,
    provider: () => provider,
    endpoint: () => deps.endpoint(provider.name),
    apply: (patch, events, source) => void deps.applySnapshot(runId, patch, events, source),
  };
  try {
    for (;;) {
      const { status } = await quietStatus(access, signal);
      if (signal.aborted) return false;
      if (status && isTerminalStatus(status)) return true;
      await sleep(stream.pollMs ?? QUEUED_POLL_MS, signal, deps.timers);
    }
  } catch {
    return false; // aborted
  }
}

/**
 * Resolves true once `heardAt()` (when the owner was last heard) is `takeoverMs` old, checked
 * every `beatMs`; false when `signal` aborts. The owner's messages arrive as tasks even while this
 * tab's timers are throttled (hidden), so a late check still judges rightly. A check more than
 * `takeoverMs` late means this tab itself was frozen or paused (fresh14 d): the owner's silence
 * was this tab's deafness, so it is not taken over; `woke()` is called (the session asks the owner
 * for what it missed) and the owner gets a new `takeoverMs` to be heard.
 */
export async function untilSilent(
  watch: { beatMs: number; takeoverMs: number; deps: RunSessionDeps; heardAt(): number; woke?(): void },
  signal: AbortSignal,
): Promise<boolean> {
  const { beatMs, takeoverMs, deps } = watch;
  let checked = deps.now();
  let since = Number.NEGATIVE_INFINITY;
  while (!signal.aborted) {
    try {
      await sleep(beatMs, signal, deps.timers);
    } catch {
      return false;
    }
    const now = deps.now();
    if (now - checked > beatMs + takeoverMs) {
      since = now;
      watch.woke?.();
    }
    checked = now;
    if (now - Math.max(watch.heardAt(), since) >= takeoverMs) return true;
  }
  return false;
}
