/**
 * The always-loaded part of the batch (task group) UI, in the bundle's shared chunk: each element
 * holds a small {@link LazyController} (components/task-group/lazy-*.ts) that loads the real one
 * (task-group/group-ui.ts) only when the page uses batches — a batch is stored for the element's
 * store, `run-id` names a group, or the batch mode is switched on. Until then nothing more is
 * downloaded (the script-tag size budgets count static imports only).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The batch UI module (components/task-group/group-ui.ts), loaded on first use. */
export type GroupUi = typeof import('../task-group/group-ui.js');

let loaded: GroupUi | undefined;
let loading: Promise<GroupUi> | undefined;
const waiting = new Set<() => void>();

/** True for a Parallel task group id (`tgrp_…`). */
export function isGroupId(id: string | null | undefined): id is string {
  return typeof id === 'string' && id.startsWith('tgrp_');
}

/** True when batches of this store were saved in this browser (group-store.ts key). */
function groupsStored(store: string): boolean {
  try {
    return !!globalThis.localStorage?.getItem(`task-elements-groups:${store}`);
  } catch {
    return false;
  }
}

/** Loads the batch UI once; every waiting controller is told when it is there. */
function loadGroupUi(): Promise<GroupUi> {
  loading ??= import('../task-group/group-ui.js').then((ui) => {
    loaded = ui;
    for (const notify of [...waiting]) notify();
    return ui;
  });
  return loading;
}

/** Creates its real controller once the batch UI is loaded (by this or any other element). */
export abstract class LazyController<T> implements ReactiveController {
  protected readonly host: ReactiveControllerHost & HTMLElement & { store: string };
  protected impl: T | undefined;
  readonly #notify = (): void => this.#attach();

  constructor(host: ReactiveControllerHost & HTMLElement & { store: string }) {
    this.host = host;
    host.addController(this);
  }

  protected abstract create(ui: GroupUi): T;

  /** Whether this element needs the batch UI now. */
  protected wanted(): boolean {
    return groupsStored(this.host.store);
  }

  hostConnected(): void {
    waiting.add(this.#notify);
    if (loaded) this.#attach();
    else if (this.wanted()) void loadGroupUi();
  }

  hostDisconnected(): void {
    waiting.delete(this.#notify);
  }

  hostUpdate(): void {
    if (!this.impl && !loaded && this.wanted()) void loadGroupUi();
  }

  /** Loads the UI (if needed) and returns the real controller. */
  async load(): Promise<T> {
    await loadGroupUi();
    this.#attach();
    return this.impl as T;
  }

  #attach(): void {
    if (this.impl || !loaded || !this.host.isConnected) return;
    this.impl = this.create(loaded);
    this.host.requestUpdate();
  }
}

