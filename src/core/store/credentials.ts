/**
 * API keys entered by the user, per store and provider. Held in memory, or in sessionStorage when
 * the page opts in; never in localStorage, where any script injected later could read them for good.
 */
import type { ProviderName } from '../providers/task-event.js';
import { KEY_PREFIX, type StorageLike } from './persistence.js';

export interface CredentialStore {
  get(provider: ProviderName): string | undefined;
  set(provider: ProviderName, key: string | undefined): void;
}

function sessionStore(): StorageLike | undefined {
  try {
    return (globalThis as { sessionStorage?: StorageLike }).sessionStorage;
  } catch {
    return undefined;
  }
}

export function createCredentialStore(storeName: string, persistence: 'memory' | 'session'): CredentialStore {
  const keys = new Map<ProviderName, string>();
  const storage = persistence === 'session' ? sessionStore() : undefined;
  const slot = (provider: ProviderName) => `${KEY_PREFIX}:${storeName}:key:${provider}`;
  return {
    get(provider) {
      if (keys.has(provider)) return keys.get(provider);
      try {
        return storage?.getItem(slot(provider)) ?? undefined;
      } catch {
        return undefined;
      }
    },
    set(provider, key) {
      const value = key?.trim() || undefined;
      if (value) keys.set(provider, value);
      else keys.delete(provider);
      try {
        if (value) storage?.setItem(slot(provider), value);
        else storage?.removeItem(slot(provider));
      } catch {
        // storage blocked or full: the key stays in memory
      }
    },
  };
}
