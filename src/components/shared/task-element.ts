/**
 * What the three elements share: the attributes of design.md (`provider`, `proxy-url`,
 * `auth-mode`, `store`, and the `oauth-*` attributes of "Sign in with Parallel"), the `apiKey`
 * property, the store binding, and error reporting. Configuration is read at every request, so a
 * changed attribute or key applies to the next one.
 */
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { EndpointConfig } from '../../core/client/api-request.js';
import { isHttpStatusError } from '../../core/errors.js';
import { parseAuthMode, type AuthMode } from '../../core/auth/auth.js';
import { parseOAuthStorage, type OAuthStorageKind } from '../../core/auth/auth.js';
import type { OAuthAttributes } from '../../core/auth/oauth/oauth-config.js';
import type { OAuthSnapshot, OAuthStatus } from '../../core/auth/oauth/oauth-session.js';
import type { ProviderName } from '../../core/providers/task-event.js';
import type { StoreChange, TaskStore } from '../../core/store/task-store.js';
import { parseProviderName, PROVIDER_INFO } from '../../core/providers/provider-info.js';
import type { PartialTaskStrings } from './i18n/catalog.js';
import type { Localizer } from '../../core/i18n/localizer.js';
import { withLocalizer } from '../../core/i18n/scope.js';
import { TaskErrorEvent } from './events.js';
import { dropKeyAttributes, KEY_ATTRIBUTES } from './key-attribute.js';
import { checkEnumAttribute } from './enum-attribute.js';
import { LocaleController } from './locale-controller.js';
import { SignInGate } from './sign-in-gate.js';
import { StorageSyncController } from './storage-sync.js';
import { StoreController } from './store-controller.js';
import { storedRunsListed } from './first-render.js';

/** The properties requests are made with: a change retries what failed because of them. @internal */
export const CONFIG_PROPERTIES = ['apiKey', 'authMode', 'proxyUrl', 'provider'] as const;

export abstract class TaskElement extends LitElement {
  protected readonly storeController = new StoreController(this);
  /** Runs saved by other tabs of this site appear here without a reload. */
  readonly #storageSync = new StorageSyncController(this);
  /**
   * "Sign in with Parallel" (`auth-mode="oauth"`): the page's session for this element's `oauth-*`
   * settings, loaded on first use (pages without `auth-mode="oauth"` never download it).
   */
  protected readonly oauth = new SignInGate(this, () => this.oauthAnnounceRank);
  /** Which element of a sign-in fires `task-auth`: the lowest rank (forms 0, others 1). */
  protected oauthAnnounceRank = 1;
  /** The element's language: the nearest `lang`, its catalog, the `strings` overrides (locale-controller.ts). */
  readonly #locale = new LocaleController(this, () => this.strings);

  /**
   * Which API requests and events follow: `parallel` (default) or `shannon`, in any case. Another
   * value is read as `parallel`, with a console warning naming it.
   */
  @property({ reflect: true, converter: { fromAttribute: (v: string | null) => parseProviderName(v) } })
  provider: ProviderName = 'parallel';

  /**
   * Base URL that replaces the API origin; the API's own paths are appended to it.
   * Defaults to `/api/parallel` or `/api/shannon` (where the bundled proxy serves them).
   */
  @property({ attribute: 'proxy-url' })
  proxyUrl = '';

  /**
   * Where credentials go: `none` (the proxy adds them), `api-key`, `bearer`, `query` (Shannon
   * streams), `oauth`, in any case. Another value is read as `none`, with a console warning naming it.
   */
  @property({ attribute: 'auth-mode', converter: { fromAttribute: (v: string | null) => parseAuthMode(v) } })
  authMode: AuthMode = 'none';

  /**
   * The host's own words for any visible string, by key, over the catalog of the element's language
   * (`TaskStrings` lists every key with its English text and `{placeholders}`; plural messages take
   * `{ one, other, … }`). Keys left out keep the catalog's text. The language itself follows the
   * `lang` of the element or its nearest ancestor (`<html lang="de">` is enough); other languages
   * are added for every element with `registerLocale(lang, catalog)`.
   * @example el.strings = { 'history.clearAll': 'Remove all', 'history.count': { one: '{count} task', other: '{count} tasks' } }
   */
  @property({ attribute: false })
  strings: PartialTaskStrings | undefined = undefined;

  /** Name of the shared store: elements with the same name share runs, selection and connections. */
  @property()
  store = 'default';

  /**
   * API key for `api-key`, `bearer`, `query` and `oauth` modes. Never reflected to an attribute,
   * never logged. When unset, the key entered in a `<task-form>` of the same store is used.
   */
  @property({ attribute: false })
  apiKey: string | undefined = undefined;

  /**
   * `auth-mode="oauth"`: the OAuth provider. Endpoints come from its
   * `/.well-known/oauth-authorization-server` metadata when it publishes them, else
   * `{issuer}/getKeys/authorize`, `/getKeys/token` and `/getKeys/register`. Must be https (http only
   * for localhost). Default `https://platform.parallel.ai`.
   */
  @property({ attribute: 'oauth-issuer' })
  oauthIssuer = '';

  /** `auth-mode="oauth"`: the `client_id`. Default: the page's host name, as Parallel's docs do. */
  @property({ attribute: 'oauth-client-id' })
  oauthClientId = '';

  /** `auth-mode="oauth"`: register the page with the provider (RFC 7591) once, and use that client id. */
  @property({ attribute: 'oauth-register', type: Boolean })
  oauthRegister = false;

  /**
   * `auth-mode="oauth"`: where the provider sends the user back; must be a page of this origin that
   * has an element with `auth-mode="oauth"`. Default: the current page URL without query and fragment.
   */
  @property({ attribute: 'oauth-redirect-uri' })
  oauthRedirectUri = '';

  /**
   * `auth-mode="oauth"`: where the key is kept. `session` (default): this tab, until it closes;
   * `local`: every tab of the site, until sign-out; `memory`: this page only (a reload signs out).
   */
  @property({ attribute: 'oauth-storage', converter: { fromAttribute: (v: string | null) => parseOAuthStorage(v) } })
  oauthStorage: OAuthStorageKind = 'session';

  /**
   * `auth-mode="oauth"`: `signed-out`, `redirecting` (leaving for the provider), `completing`
   * (finishing a sign-in), `signed-in` or `error`; undefined in other auth modes, and for the moment
   * the sign-in code loads after the element connects (a `task-auth` event follows when a kept key
   * is found).
   */
  get authStatus(): OAuthStatus | undefined {
    return this.oauth.snapshot?.status;
  }

  /** `auth-mode="oauth"`: leaves the page for Parallel's consent page. Fires `task-auth` (`error`) on failure. */
  signIn(): Promise<void> {
    return this.oauth.signIn();
  }

  /**
   * `auth-mode="oauth"`: forgets the key in memory, sessionStorage and localStorage. The key stays
   * valid in Parallel's platform (there is no revoke endpoint); fires `task-auth` (`signed-out`).
   * Resolves once the key is forgotten.
   */
  signOut(): Promise<void> {
    return this.oauth.signOut();
  }

  /** The `oauth-*` settings and the provider, for the OAuth binding. */
  oauthAttributes(): OAuthAttributes {
    return {
      provider: this.provider, issuer: this.oauthIssuer, clientId: this.oauthClientId,
      register: this.oauthRegister, redirectUri: this.oauthRedirectUri, storage: this.oauthStorage,
    };
  }

  /** The sign-in changed: re-render; subclasses resume what waited for a key. */
  onAuthChange(next: OAuthSnapshot, previous: OAuthSnapshot): void {
    this.requestUpdate();
    // A key arrived or left: runs that waited for it (or failed for want of it) try again at once.
    if ((next.status === 'signed-in') !== (previous.status === 'signed-in')) this.#configChanged();
  }

  /** True when `auth-mode="oauth"` and no key is held (yet): the element shows a sign-in state. */
  protected get awaitingSignIn(): boolean {
    return this.oauth.awaiting;
  }

  /** Also watches `apikey` / `api-key`, only to remove them: keys are never read from attributes. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...KEY_ATTRIBUTES];
  }

  override connectedCallback(): void {
    dropKeyAttributes(this);
    super.connectedCallback();
  }

  /** True for elements that show stored runs: their first render waits for them (first-render.ts). */
  protected readonly showsStoredRuns: boolean = false;

  protected override scheduleUpdate(): void | Promise<unknown> {
    const wait = this.hasUpdated || !this.showsStoredRuns ? undefined : storedRunsListed(this.taskStore);
    return wait ? wait.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (value !== null && (KEY_ATTRIBUTES as readonly string[]).includes(name)) return dropKeyAttributes(this);
    checkEnumAttribute(this, name, value); // an unknown `provider`, `auth-mode`, `oauth-storage` says so (enum-attribute.ts)
    super.attributeChangedCallback(name, old, value);
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
      baseUrl: (own && this.proxyUrl) || PROVIDER_INFO[provider].defaultProxyUrl,
      auth: this.authMode === 'oauth'
        // Only the key from the sign-in, and only for Parallel: OAuth keys are Parallel API keys.
        ? { mode: 'oauth', apiKey: provider === 'parallel' ? this.oauth.token : undefined }
        : { mode: this.authMode, apiKey: (own ? this.apiKey : undefined) || this.taskStore.getCredential(provider) },
    };
  }

  /**
   * Counts changes of the configuration requests are made with (`apiKey`, `auth-mode`,
   * `proxy-url`, `provider`, a key entered in the store): controllers compare it to retry at once.
   * @internal
   */
  configVersion = 0;

  /** Subclasses that override call `super.willUpdate(changed)` first: the store is followed here. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('store')) this.storeController.follow();
  }

  /** The BCP 47 language the element renders in now (`en` when no `lang` applies). */
  get locale(): string {
    return this.#locale.localizer.locale;
  }

  /** The element's language at work: its words and `Intl` formats (for text made outside `render()`). @internal */
  get localizer(): Localizer {
    return this.#locale.localizer;
  }

  /** Runs `fn` in the element's language: for words made outside `render()` (an announcement after a click). */
  protected inLanguage<T>(fn: () => T): T {
    return withLocalizer(this.#locale.localizer, fn);
  }

  /** Renders in the element's language: template helpers read it through `l10n()` / `t()` (i18n/scope.ts). */
  protected override update(changed: PropertyValues<this>): void {
    withLocalizer(this.#locale.localizer, () => super.update(changed));
  }

  /**
   * Code this element loads on use whose arrival redraws it (e.g. the form's request error words),
   * while it loads; `updateComplete` waits for it and for the redraw.
   */
  protected partsLoading(): Promise<unknown> | undefined {
    return undefined;
  }

  /** `updateComplete` also waits for the catalog of a newly applied language to load, and for {@link partsLoading}. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#locale.ready;
    let complete = await super.getUpdateComplete();
    for (let parts = this.partsLoading(); parts; parts = this.partsLoading()) {
      await parts;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (CONFIG_PROPERTIES.some((key) => changed.has(key))) this.#configChanged();
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
    // A 401 for the key from a sign-in: it was deleted or disabled; forget it and offer a new sign-in.
    if (isHttpStatusError(err) && err.status === 401) this.oauth.keyRejected();
    this.dispatchEvent(new TaskErrorEvent(err, runId, isHttpStatusError(err) ? err.status : undefined));
  }
}
