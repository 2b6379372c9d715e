/**
 * Where the key from a sign-in is kept, per `oauth-storage` (design.md):
 * - `session` (default): sessionStorage, so it survives reloads of this tab and dies with it;
 * - `local`: localStorage, shared by the site's tabs and kept after the browser restarts;
 * - `memory`: this page only; a reload signs out. The only choice that never writes the key to disk.
 * The key *is* the user's Parallel API key (parallel-task-api.md §12), so sign-out removes it from
 * every one of these, whatever the element's current setting.
 */
import { KEY_PREFIX, type StorageLike } from '../../store/persistence.js';
import type { OAuthStorageKind } from './oauth-config.js';

/** The key of one issuer in one storage kind. */
export interface TokenVault {
  readonly kind: OAuthStorageKind;
  /** The kept key, or undefined. Never throws (blocked storage reads as empty). */
  read(): string | undefined;
  /** Keeps `token`; if the storage refuses (blocked, full), it is kept in memory for this page instead. */
  write(token: string): void;
  /** Removes the key of this issuer from memory, sessionStorage and localStorage. */
  forget(): void;
}

/** Access to the Web Storage areas; injectable for tests. Each getter may return undefined or throw. */
export interface StorageAreas {
  session(): StorageLike | undefined;
  local(): StorageLike | undefined;
}

export const browserStorageAreas: StorageAreas = {
  session: () => (globalThis as { sessionStorage?: StorageLike }).sessionStorage,
  local: () => (globalThis as { localStorage?: StorageLike }).localStorage,
};

/** Keys held in memory, per issuer, shared by every element of the page. */
const memory = new Map<string, string>();

/** The storage slot of an issuer's key (also what a `storage` event names). */
export function tokenSlot(issuer: string): string {
  return `${KEY_PREFIX}:oauth:key:${issuer}`;
}

function area(areas: StorageAreas, kind: OAuthStorageKind): StorageLike | undefined {
  if (kind === 'memory') return undefined;
  try {
    return kind === 'session' ? areas.session() : areas.local();
  } catch {
    return undefined; // e.g. a sandboxed iframe: reading the property throws
  }
}

/** The vault of `issuer` in `kind`. */
export function createTokenVault(kind: OAuthStorageKind, issuer: string, areas: StorageAreas = browserStorageAreas): TokenVault {
  const slot = tokenSlot(issuer);
  return {
    kind,
    read() {
      const storage = area(areas, kind);
      if (storage) {
        try {
          const value = storage.getItem(slot);
          if (value) return value;
        } catch {
          // blocked: fall through to memory
        }
      }
      return memory.get(slot);
    },
    write(token) {
      const storage = area(areas, kind);
      if (storage) {
        try {
          storage.setItem(slot, token);
          memory.delete(slot);
          return;
        } catch {
          // blocked or full: keep it for this page only
        }
      }
      memory.set(slot, token);
    },
    forget() {
      memory.delete(slot);
      for (const other of ['session', 'local'] as const) {
        try {
          area(areas, other)?.removeItem(slot);
        } catch {
          // nothing kept there
        }
      }
    },
  };
}
