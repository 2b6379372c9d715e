/**
 * A tab's hold on a run's owner lock (issue 14 §1, shared-session.ts): its place in the lock's
 * queue (kept while electing and following), a steal (taking over a silent owner), and the lease
 * once granted. `granted()` and `lost()` tell the session, which decides the role (election.ts).
 */
import type { TabCoordinator, TabLease } from './tab-coordinator.js';

export class RunLock {
  #lease: TabLease | undefined;
  /** Aborts this tab's place in the lock's queue. */
  #queue: AbortController | undefined;

  constructor(
    private readonly coordinator: TabCoordinator,
    private readonly name: string,
    private readonly granted: () => void,
    private readonly lost: () => void,
  ) {}

  /** Queues for the lock (once). */
  join(): void {
    if (this.#queue) return;
    this.#queue = new AbortController();
    void this.request(this.#queue.signal, false);
  }

  /** Leaves the queue. */
  leave(): void {
    this.#queue?.abort();
    this.#queue = undefined;
  }

  /** Asks for the lock (`steal`: at once, from its holder) until `signal` aborts. */
  async request(signal: AbortSignal, steal: boolean): Promise<void> {
    try {
      const lease = await this.coordinator.acquire(this.name, signal, steal ? { steal: true } : {});
      if (!lease) return;
      if (signal.aborted) return lease.release();
      if (!steal) this.#queue = undefined;
      this.#lease = lease;
      lease.lost.addEventListener('abort', () => {
        if (this.#lease !== lease) return; // given back by us
        this.#lease = undefined;
        this.lost();
      }, { once: true });
      this.granted();
    } catch {
      // aborted: the role changed
    }
  }

  /** Gives the lock back, if held. */
  release(): void {
    const lease = this.#lease;
    this.#lease = undefined;
    lease?.release();
  }
}
