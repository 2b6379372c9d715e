/**
 * DOM events of the batch (task group) feature, like those of shared/events.ts: `Event` subclasses
 * with typed fields, `bubbles: true, composed: true`.
 */

/** `<task-form>` (batch mode): the API accepted the batch; its runs are in the group. */
export class TaskGroupCreatedEvent extends Event {
  static readonly eventName = 'task-group-created' as const;
  constructor(
    /** Parallel task group id (`tgrp_…`); show it with `<task-stream run-id="tgrp_…">`. */
    readonly groupId: string,
    /** Run ids in input order. */
    readonly runIds: readonly string[],
  ) {
    super(TaskGroupCreatedEvent.eventName, { bubbles: true, composed: true });
  }
}

/** `<task-history>`: the user picked a batch. */
export class TaskGroupSelectEvent extends Event {
  static readonly eventName = 'task-group-select' as const;
  constructor(readonly groupId: string) {
    super(TaskGroupSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'task-group-created': TaskGroupCreatedEvent;
    'task-group-select': TaskGroupSelectEvent;
  }
}
