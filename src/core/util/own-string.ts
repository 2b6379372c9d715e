/**
 * Strings that keep nothing else alive. A JavaScript engine may represent a substring as a view of
 * the string it was cut from (V8: a "sliced string" for 13 characters or more), so a short string
 * kept from a large one — an event's id or name cut from a decoded network chunk of 16–64 KiB —
 * keeps the whole chunk in memory. Kept for each of 50,000 streamed events, that is the whole
 * stream's text (15 MB of heap measured for a 50,000-delta Shannon stream, issue 15 §3).
 */

/** Names at most this long are shared through the table below; longer ones are copied each time. */
const MAX_SHARED_LENGTH = 64;
/** Distinct names shared at most (a hostile stream could send endless new ones). */
const MAX_SHARED = 256;
const shared = new Map<string, string>();

/** A copy of `text` that shares no memory with the string it was cut from. */
export function ownString(text: string): string {
  // JSON round trip: a new string whatever the engine's representation of `text`.
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/**
 * `text` as one shared copy per distinct value (event names repeat for every event): no memory of
 * its source kept, and one string for all events of a name.
 */
export function sharedString(text: string): string {
  if (text.length < 13 || text.length > MAX_SHARED_LENGTH) return ownString(text);
  let copy = shared.get(text);
  if (copy === undefined) {
    copy = ownString(text);
    if (shared.size < MAX_SHARED) shared.set(copy, copy);
  }
  return copy;
}
