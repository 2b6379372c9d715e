/**
 * Deleting many records of one object store in one readwrite transaction (issue 10 §1, issue 17:
 * "Clear shown" of a long history), at a cost that does not grow as (records deleted) × (records
 * stored) in WebKit's in-memory IndexedDB (Safari Private Browsing, WebKitGTK/WPE ephemeral
 * sessions, WebDriver's sessions). That backend removes a deleted record from each index by walking
 * every distinct key of the index (idb-database.ts, "Deleting"): k deletes cost k · n there, where
 * `clear()` costs almost nothing. So when what stays is no more than what goes, the records that
 * stay are read (in pages, each its own task), the object store is cleared and they are put back
 * under their own keys, in the same transaction: all or nothing, and other tabs' writes wait for it.
 * Otherwise each record is deleted. Either way the work is bounded by about twice the deletes.
 * Source: W3C Indexed Database API 3.0 §4.5 (`clear`, `put` with a key), WebKit
 * `IndexValueStore::removeEntriesWithValueKey`.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { TaskDbSchema } from './idb-database.js';

/** Records read per request while rebuilding: no one read (structured-clone work) is long. */
const PAGE = 500;

type Writable<N extends StoreNames<TaskDbSchema>> = IDBPObjectStore<TaskDbSchema, ArrayLike<StoreNames<TaskDbSchema>>, N, 'readwrite'>;

/**
 * Deletes the records with primary keys `keys` (each `[store, id]` or a batch number) from object
 * store `objects`, inside its (readwrite) transaction. `withKey`: put the kept records back with
 * their key given apart (stores without a key path, e.g. `batches`). Resolves when the requests are
 * made and the reads done; the caller awaits the transaction.
 */
export async function deleteMany<N extends StoreNames<TaskDbSchema>>(objects: Writable<N>, keys: readonly IDBValidKey[], withKey: boolean): Promise<void> {
  if (!keys.length) return;
  const total = await objects.count();
  if (total - keys.length > keys.length) {
    for (const key of keys) void objects.delete(key as never);
    return;
  }
  const doomed = new Set(keys.map(keyText));
  const kept: [IDBValidKey, unknown][] = [];
  let after: IDBValidKey | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const [pageKeys, values] = await Promise.all([objects.getAllKeys(range as never, PAGE), objects.getAll(range as never, PAGE)]);
    pageKeys.forEach((key, i) => doomed.has(keyText(key)) || kept.push([key, values[i]]));
    if (pageKeys.length < PAGE) break;
    after = pageKeys.at(-1);
  }
  await objects.clear();
  for (const [key, value] of kept) void (withKey ? objects.put(value as never, key as never) : objects.put(value as never));
}

/** A primary key as text, to compare keys read back with the ones asked for (arrays of strings, numbers). */
function keyText(key: IDBValidKey): string {
  return JSON.stringify(key);
}
