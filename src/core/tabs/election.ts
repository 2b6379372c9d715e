/**
 * Which tab streams a run (issue 14 §1): the explicit roles of one tab's session for one run, and
 * the pure rule that moves between them. shared-session.ts performs what a role needs (a lock
 * request, a stream, listening) and feeds back what happened as an {@link ElectionInput}.
 *
 *   idle ──start──▶ electing ──granted──▶ owner ──lost──▶ electing
 *                      │  ▲                 ▲
 *               owner-heard │ owner-silent   │ granted
 *                      ▼  │                  │
 *                    follower ──owner-silent / config-here──▶ taking-over
 *   solo: no coordination on this platform (no Web Locks or BroadcastChannel): this tab streams.
 *   stopped: the user stopped the run in this tab; `reconnect` elects again. Any ──leave──▶ left.
 *   idle, stopped ──final──▶ solo: the run is over (learned here or in another tab), so there is
 *   nothing to watch or share; the tab's own session confirms it and fetches a missing output. A
 *   stop of a run that is over is that too.
 */

/** One tab's role for one run. */
export type ElectionRole =
  /** Not started. */
  | 'idle'
  /** Asked for the run's lock; no owner heard yet. */
  | 'electing'
  /** Another tab streams; this one applies what it fans out and waits in the lock's queue. */
  | 'follower'
  /** The owner went silent (frozen, hung) or cannot connect with its configuration: stealing the lock. */
  | 'taking-over'
  /** Holds the lock: streams and fans the events out. */
  | 'owner'
  /** No Web Locks or BroadcastChannel here: streams on its own, as every tab did before. */
  | 'solo'
  /** Stopped by the user in this tab: no lock, no stream, nothing applied from the owner. */
  | 'stopped'
  /** Disposed. */
  | 'left';

export type ElectionInput =
  | { type: 'start'; coordinated: boolean }
  | { type: 'granted' }
  | { type: 'owner-heard' }
  | { type: 'owner-silent' }
  /** This tab has configuration the owner lacks (a key typed here while the owner waits for one). */
  | { type: 'config-here' }
  | { type: 'lost' }
  /** `final`: the run's status is final already (there is nothing to stop watching). */
  | { type: 'stop'; final?: boolean }
  /** The run's final status became known (a status refresh, another tab). */
  | { type: 'final' }
  | { type: 'reconnect'; coordinated: boolean }
  | { type: 'leave' };

/** The role after `input` in `role` (the same role when the input changes nothing). */
export function elect(role: ElectionRole, input: ElectionInput): ElectionRole {
  if (role === 'left') return role;
  switch (input.type) {
    case 'leave':
      return 'left';
    case 'stop':
      return input.final ? elect(role, { type: 'final' }) : 'stopped';
    case 'final':
      return role === 'idle' || role === 'stopped' ? 'solo' : role;
    case 'start':
      return role === 'idle' ? (input.coordinated ? 'electing' : 'solo') : role;
    case 'reconnect':
      return role === 'stopped' || role === 'idle' ? (input.coordinated ? 'electing' : 'solo') : role;
    case 'granted':
      return role === 'electing' || role === 'follower' || role === 'taking-over' ? 'owner' : role;
    case 'owner-heard':
      return role === 'electing' ? 'follower' : role;
    case 'owner-silent':
    case 'config-here':
      return role === 'electing' || role === 'follower' ? 'taking-over' : role;
    case 'lost':
      return role === 'owner' ? 'electing' : role;
  }
}
