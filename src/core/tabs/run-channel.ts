/**
 * The channel of one run between the tabs of an origin (issue 14 §1), as one tab's session uses
 * it: opened on first use, heard while the session listens, closed when it leaves. What travels on
 * it is fanout.ts's {@link FanoutMessage}; messages a session posted itself are not heard back.
 */
import { isFanoutMessage, type FanoutMessage } from './fanout.js';
import type { TabChannel, TabCoordinator } from './tab-coordinator.js';

export class RunChannel {
  #channel: TabChannel | undefined;
  #unlisten: (() => void) | undefined;

  /**
   * @param coordinator - the platform's channels; undefined: no other tab is reachable (posts are dropped).
   * @param name - the run's channel name.
   * @param id - the session's id: its own messages are not heard.
   * @param heard - called with each message another session posted, while listening.
   */
  constructor(
    private readonly coordinator: TabCoordinator | undefined,
    private readonly name: string,
    private readonly id: string,
    private readonly heard: (message: FanoutMessage) => void,
  ) {}

  /** Starts hearing other sessions' messages (once). */
  listen(): void {
    if (this.#unlisten) return;
    const channel = this.#open();
    this.#unlisten = channel?.listen((message) => {
      if (isFanoutMessage(message) && message.from !== this.id) this.heard(message);
    });
  }

  /** Stops hearing; posting still works. */
  deafen(): void {
    this.#unlisten?.();
    this.#unlisten = undefined;
  }

  post(message: FanoutMessage): void {
    this.#open()?.post(message);
  }

  /** Stops hearing and closes the channel. */
  close(): void {
    this.deafen();
    this.#channel?.close();
    this.#channel = undefined;
  }

  #open(): TabChannel | undefined {
    if (!this.coordinator) return undefined;
    return (this.#channel ??= this.coordinator.channel(this.name));
  }
}
