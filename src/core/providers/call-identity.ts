/**
 * Which reports are one model call (Shannon reports a call twice: nested by the LLM service, flat by
 * the agent that asked, usage-ledger.ts), and a call's figures from both reports. Small and
 * dependency-free: the log's rows (loaded with every <task-stream>) use it as well as the usage
 * ledger (loaded with the run view).
 */
import { hashText } from '../util/hash.js';
import { USAGE_COUNTS, type TaskEvent, type Usage } from './task-event.js';

/**
 * Identity of a call for de-duplication: the agent and the start of the text (both reporters keep
 * at least the first 4,000 characters). Undefined for reports without text: each is its own call.
 * The log (one row per call) and the timeline (one usage mark per call) use it too.
 */
export function callKey(event: TaskEvent): string | undefined {
  if (event.kind !== 'text') return undefined;
  const text = event.text.trim().slice(0, 500);
  return text ? `${event.agent}|${text.length}|${hashText(text)}` : undefined;
}

/** A call's figures from two reports of it: each figure the larger (the agent adds tool tokens and costs). */
export function mergeCall(first: Usage, second: Usage): Usage {
  const merged: Usage = { ...second, ...first };
  for (const field of USAGE_COUNTS) {
    const a = first[field];
    const b = second[field];
    if (a !== undefined || b !== undefined) merged[field] = Math.max(a ?? b!, b ?? a!);
  }
  return merged;
}
