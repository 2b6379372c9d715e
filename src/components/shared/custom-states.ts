/**
 * Styling hooks for page CSS: custom states on the host (`task-stream:state(running)`), set through
 * `ElementInternals.states` (a `CustomStateSet`). Page CSS cannot reach `data-*` attributes inside a
 * shadow root (`::part(status)[data-status=…]` is not valid CSS), so each element mirrors what its
 * look depends on as states; `data-*` stays for scripts.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface StatesHost extends ReactiveControllerHost, HTMLElement {}

export class CustomStatesController implements ReactiveController {
  #states: Set<string> | undefined;
  #compute: () => Iterable<string>;

  /** `compute` returns the states the host should have now; they are applied after every update. */
  constructor(host: StatesHost, compute: () => Iterable<string>) {
    this.#compute = compute;
    try {
      // Not in every engine (or in server rendering shims): then there are no states, nothing breaks.
      this.#states = host.attachInternals?.().states as Set<string> | undefined;
    } catch {
      this.#states = undefined;
    }
    host.addController(this);
  }

  hostUpdated(): void {
    const states = this.#states;
    if (!states) return;
    const next = new Set(this.#compute());
    for (const state of [...states]) if (!next.has(state)) states.delete(state);
    for (const state of next) {
      if (states.has(state)) continue;
      try {
        states.add(state);
      } catch {
        // Chromium 90–124 accepted only `--name` states (CSS `:--name`): states stay off there, the
        // element goes on updating.
      }
    }
  }
}
