/**
 * Opening the database before any store asks (issue 17: a history's first rows; issue 10: a
 * reload's first paint). Opening IndexedDB takes 40–80 ms in Chromium before the first read can
 * start, and a store is created only when its element connects, after the element's chunk arrived.
 * The loader (autoload.ts) starts the open when it starts loading an element that lists stored runs
 * (`<task-history>`, `<task-stream>`), so the open and the chunk's download overlap; the first store
 * created with the default persistence takes the connection (lazy-event-log.ts).
 *
 * A guess never creates anything: only a database `indexedDB.databases()` lists is opened (where that
 * is missing, nothing is opened early), and should it be gone by then the open's upgrade is aborted;
 * the store then opens it as it would have (W3C Indexed Database API 3.0 §4.2 `databases()`, §5.8). A connection nobody takes is closed after
 * {@link UNCLAIMED_MS}; one a newer version asks for is closed at once (idb-head.ts).
 */
import { IDB_NAME, openTaskDb } from './idb-head.js';

/** A connection opened early and not taken by then is closed. */
export const UNCLAIMED_MS = 10_000;

let early: { name: string; db: Promise<IDBDatabase | undefined>; timer: ReturnType<typeof setTimeout> } | undefined;

/** True where IndexedDB exists (browsers, workers; not Node). */
export function hasIndexedDb(): boolean {
  try {
    return typeof indexedDB !== 'undefined' && indexedDB !== null;
  } catch {
    return false; // blocked by privacy settings
  }
}

/** Starts opening database `name` if it exists and nothing opened it early yet; never rejects. */
export function openTaskDbEarly(name = IDB_NAME): void {
  if (early || !hasIndexedDb()) return;
  // Only a database that exists: asking first creates nothing (WebKit keeps an aborted creation).
  const listed = typeof indexedDB.databases === 'function' ? indexedDB.databases() : Promise.resolve([]);
  const db = listed.then((databases) => (databases.some((d) => d.name === name) ? openTaskDb(name, true) : undefined)).catch(() => undefined);
  const timer = setTimeout(() => void takeTaskDbEarly(name)?.then((database) => database?.close()), UNCLAIMED_MS);
  early = { name, db, timer };
}

/** The connection to `name` opened early, once (then it is the caller's to close); undefined when none. */
export function takeTaskDbEarly(name = IDB_NAME): Promise<IDBDatabase | undefined> | undefined {
  if (early?.name !== name) return undefined;
  const { db, timer } = early;
  clearTimeout(timer);
  early = undefined;
  return db;
}
