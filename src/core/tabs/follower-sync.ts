/**
 * How a follower notices that it missed some of the owner's messages (issue 14 §1; fresh14 d: a
 * tab frozen or paused through a run's end showed "Completed" with 2–8 of 14 events, or "Live" 20 s
 * after the run ended). The owner numbers what it posts about the run (`seq` on `apply` and
 * `connection`, 1, 2, 3 … per owner) and repeats the latest number in every beat; a follower that
 * sees a number it did not expect — a gap, a new owner mid-run, a beat ahead of what it got —
 * drops what it gets from then on and asks the owner for the whole state (`hello` with `all`),
 * which the owner answers with a `state` message: its connection and every event of the run, in
 * its order (applied once each by id). Pure: the session posts and applies.
 */

/** What the follower does with a numbered message. */
export type SyncVerdict = 'apply' | 'drop' | 'ask';

export class FollowerSync {
  /** The owner whose numbers are followed (its session id). */
  #from: string | undefined;
  #seq = 0;
  /** Waiting for a `state` answer: numbered messages are dropped (the state brings them in order). */
  #asking = false;
  #askedAt = Number.NEGATIVE_INFINITY;
  readonly #askEveryMs: number;

  /** `askEveryMs`: how often an unanswered request for the state is repeated, in ms. */
  constructor(askEveryMs: number) {
    this.#askEveryMs = askEveryMs;
  }

  /** This tab asked for the state at `now` (a tab that joins asks with its `hello`). */
  asked(now: number): void {
    this.#asking = true;
    this.#askedAt = now;
  }

  /** An `apply` or `connection` message numbered `seq` from owner `from`, received at `now`. */
  numbered(from: string, seq: number | undefined, now: number): SyncVerdict {
    if (seq === undefined) return 'apply'; // an owner of an older version numbers nothing
    if (!this.#asking && from === this.#from && seq === this.#seq + 1) {
      this.#seq = seq;
      return 'apply';
    }
    return this.#ask(now);
  }

  /** A beat carrying the owner's latest number. */
  beat(from: string, seq: number | undefined, now: number): 'ok' | 'ask' {
    if (seq === undefined) return 'ok';
    if (!this.#asking && from === this.#from && seq === this.#seq) return 'ok';
    return this.#ask(now) === 'ask' ? 'ask' : 'ok';
  }

  /** This tab was frozen or paused (its own timers ran late): whatever came meanwhile may be lost. Whether to ask. */
  woke(now: number): boolean {
    return this.#ask(now) === 'ask';
  }

  /** The owner's whole state, as of its number `seq`: followed from there. */
  state(from: string, seq: number): void {
    this.#from = from;
    this.#seq = seq;
    this.#asking = false;
  }

  #ask(now: number): 'drop' | 'ask' {
    if (this.#asking && now - this.#askedAt < this.#askEveryMs) return 'drop';
    this.asked(now);
    return 'ask';
  }
}
