/**
 * What the three elements share: the attributes of design.md (`provider`, `proxy-url`,
 * `auth-mode`, `store`), the `apiKey` property, the store binding, and error reporting.
 * Configuration is read at every request, so a changed attribute or key applies to the next one.
 */
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { EndpointConfig } from '../../core/client/api-request.js';
import { isHttpStatusError } from '../../core/errors.js';
import { parseAuthMode, type AuthMode } from '../../core/auth/auth.js';
import type { ProviderName } from '../../core/providers/task-event.js';
import type { StoreChange, TaskStore } from '../../core/store/task-store.js';
import { parseProviderName, providerFor } from '../../core/store/providers.js';
import { TaskErrorEvent } from './events.js';
import { dropKeyAttributes, KEY_ATTRIBUTES } from './key-attribute.js';
import { StorageSyncController } from './storage-sync.js';
import { StoreController } from './store-controller.js';

export abstract class TaskElement extends LitElement {
  protected readonly storeController = new StoreController(this);
  /** Runs saved by other tabs of this site appear here without a reload. */
  readonly #storageSync = new StorageSyncController(this);

  /** Which API requests and events follow: `parallel` (default) or `shannon`. */
  @property({ reflect: true, converter: { fromAttribute: (v: string | null) => parseProviderName(v) } })
  provider: ProviderName = 'parallel';

  /**
   * Base URL that replaces the API origin; the API's own paths are appended to it.
   * Defaults to `/api/parallel` or `/api/shannon` (where the bundled proxy serves them).
   */
  @property({ attribute: 'proxy-url' })
  proxyUrl = '';

  /** Where credentials go: `none` (the proxy adds them), `api-key`, `bearer`, `query` (Shannon streams), `oauth`. */
  @property({ attribute: 'auth-mode', converter: { fromAttribute: (v: string | null) => parseAuthMode(v) } })
  authMode: AuthMode = 'none';

  /** Name of the shared store: elements with the same name share runs, selection and connections. */
  @property()
  store = 'default';

  /**
   * API key for `api-key`, `bearer`, `query` and `oauth` modes. Never reflected to an attribute,
   * never logged. When unset, the key entered in a `<task-form>` of the same store is used.
   */
  @property({ attribute: false })
  apiKey: string | undefined = undefined;

  /** Also watches `apikey` / `api-key`, only to remove them: keys are never read from attributes. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...KEY_ATTRIBUTES];
  }

  override connectedCallback(): void {
    dropKeyAttributes(this);
    super.connectedCallback();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (value !== null && (KEY_ATTRIBUTES as readonly string[]).includes(name)) dropKeyAttributes(this);
    else super.attributeChangedCallback(name, old, value);
  }

  /** The store this element is bound to. */
  get taskStore(): TaskStore {
    return this.storeController.store;
  }

  /**
   * Where requests for runs of `provider` go, read now. Credentials are per provider: the element's
   * `apiKey` and `proxy-url` are for its own `provider` only; a run of the other provider (in a
   * history, a stream) uses the key entered for that provider in the store. @internal
   */
  endpoint(provider: ProviderName = this.provider): EndpointConfig {
    const own = provider === this.provider;
    return {
      provider,
      baseUrl: (own && this.proxyUrl) || providerFor(provider).defaultProxyUrl,
      auth: { mode: this.authMode, apiKey: (own ? this.apiKey : undefined) || this.taskStore.getCredential(provider) },
    };
  }

  /**
   * Counts changes of the configuration requests are made with (`apiKey`, `auth-mode`,
   * `proxy-url`, `provider`, a key entered in the store): controllers compare it to retry at once.
   * @internal
   */
  configVersion = 0;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if ((['apiKey', 'authMode', 'proxyUrl', 'provider'] as const).some((key) => changed.has(key))) this.#configChanged();
  }

  #configChanged(): void {
    this.configVersion++;
    // Runs that wait for configuration, or failed because of it, try again at once (after this
    // update, so the store's change notices do not land inside it).
    if (this.isConnected) queueMicrotask(() => this.taskStore.configChanged());
  }

  /** Reacts to store changes; subclasses override and call super for nothing. @internal */
  onStoreChange(_change: StoreChange): void {
    this.requestUpdate();
  }

  /** Fires `task-error` for a failed request. */
  protected reportError(error: unknown, runId?: string): void {
    const err = error instanceof Error ? error : new Error(String(error));
    this.dispatchEvent(new TaskErrorEvent(err, runId, isHttpStatusError(err) ? err.status : undefined));
  }
}
