/**
 * What a page needs to know about each API before it makes a request: the default proxy path, and
 * whether runs can be cancelled. The request builders and event mappers (parallel-provider.ts,
 * shannon-provider.ts) use these values and load with the first request or connection; elements
 * that only show stored runs never download them.
 */
import type { ProviderName } from './task-event.js';
import { acceptedValue } from '../attribute-value.js';

/** The static facts of one API. */
export interface ProviderInfo {
  /** Base URL used when an element has no `proxy-url` (where the bundled proxy serves the API). */
  readonly defaultProxyUrl: string;
  /** Why `cancel` is unavailable, or undefined when the API can cancel. */
  readonly cancelUnsupportedReason?: string;
  /** Whether the API can pause and resume a run (Shannon's `/pause` and `/resume`). */
  readonly canPause: boolean;
  /**
   * Whose clock a run's `createdAt` is in: `server` (Parallel's `created_at`), or `page` (Shannon's
   * create answer has no time: it is this page's time just before the create request was sent).
   */
  readonly createdAtClock: 'server' | 'page';
}

/** The facts of each API, by provider name. */
export const PROVIDER_INFO: Readonly<Record<ProviderName, ProviderInfo>> = {
  parallel: {
    defaultProxyUrl: '/api/parallel',
    cancelUnsupportedReason: 'The Parallel Task API has no cancel endpoint: a run always finishes on its own.',
    canPause: false,
    createdAtClock: 'server',
  },
  shannon: { defaultProxyUrl: '/api/shannon', canPause: true, createdAtClock: 'page' },
};

/** Every {@link ProviderName}, the accepted values of `provider`. */
export const PROVIDER_NAMES: readonly ProviderName[] = ['parallel', 'shannon'];

/** The provider `value` names (any case, spaces around it ignored), else `parallel` (the documented default). */
export function parseProviderName(value: string | null | undefined): ProviderName {
  return acceptedValue(value, PROVIDER_NAMES) ?? 'parallel';
}
