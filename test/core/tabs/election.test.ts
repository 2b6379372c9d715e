/** The roles of one tab's session for one run (src/core/tabs/election.ts), one rule per case. */
import { expect } from '@open-wc/testing';
import { elect, type ElectionInput, type ElectionRole } from '../../../src/core/tabs/election.js';

const cases: [ElectionRole, ElectionInput, ElectionRole, string][] = [
  ['idle', { type: 'start', coordinated: true }, 'electing', 'a tab that can coordinate asks for the run’s lock'],
  ['idle', { type: 'start', coordinated: false }, 'solo', 'without Web Locks or BroadcastChannel a tab streams on its own, as before'],
  ['electing', { type: 'granted' }, 'owner', 'the lock granted: this tab streams for all'],
  ['electing', { type: 'owner-heard' }, 'follower', 'another tab’s owner heard: follow it (still queued for the lock)'],
  ['follower', { type: 'granted' }, 'owner', 'the owner’s tab closed: the next tab in the queue owns the run'],
  ['follower', { type: 'owner-silent' }, 'taking-over', 'a silent (frozen) owner is taken over'],
  ['electing', { type: 'owner-silent' }, 'taking-over', 'a lock held by a tab that never speaks is taken over'],
  ['follower', { type: 'config-here' }, 'taking-over', 'the owner waits for a key this tab has: this tab takes over'],
  ['taking-over', { type: 'granted' }, 'owner', 'the stolen lock makes this tab the owner'],
  ['owner', { type: 'lost' }, 'electing', 'an owner whose lock was stolen asks for it again and follows meanwhile'],
  ['owner', { type: 'owner-heard' }, 'owner', 'an owner ignores other tabs'],
  ['follower', { type: 'stop' }, 'stopped', 'stop in any role stops this tab only'],
  ['owner', { type: 'stop' }, 'stopped', 'an owner that stops gives the run to the next tab'],
  ['stopped', { type: 'reconnect', coordinated: true }, 'electing', 'reconnect after stop elects again'],
  ['stopped', { type: 'reconnect', coordinated: false }, 'solo', 'reconnect after stop streams alone where tabs cannot coordinate'],
  ['follower', { type: 'reconnect', coordinated: true }, 'follower', 'reconnect while following changes no role (the owner is asked to reconnect)'],
  ['stopped', { type: 'final' }, 'solo', 'a stopped run learned to be over has nothing to watch: this tab confirms it and fetches its output alone'],
  ['idle', { type: 'final' }, 'solo', 'a run learned to be over before it was started is confirmed here, not shared'],
  ['follower', { type: 'final' }, 'follower', 'a follower leaves the end to the owner'],
  ['owner', { type: 'final' }, 'owner', 'an owner’s own session settles the end'],
  ['idle', { type: 'stop', final: true }, 'solo', 'a stop kept with a run that has since finished does not show “Not watching”: the run is confirmed and its output fetched'],
  ['stopped', { type: 'stop', final: true }, 'solo', 'stopping a stopped run that is over finishes it'],
  ['owner', { type: 'stop', final: true }, 'owner', 'stopping an owner whose run is over changes nothing: its session is settling the end'],
  ['owner', { type: 'granted' }, 'owner', 'a second grant changes nothing'],
  ['solo', { type: 'granted' }, 'solo', 'solo never holds a lock'],
  ['owner', { type: 'leave' }, 'left', 'leaving ends every role'],
  ['left', { type: 'start', coordinated: true }, 'left', 'nothing follows leaving'],
];

describe('tab election: the roles of a run’s session in one tab', () => {
  for (const [from, input, to, what] of cases) {
    it(`${from} + ${input.type} → ${to}: ${what}`, () => {
      expect(elect(from, input)).to.equal(to);
    });
  }
});
