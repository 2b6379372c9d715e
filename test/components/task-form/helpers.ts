/** Helpers for `<task-form>` tests: find in the shadow root, type, choose, and a form on a scripted server. */
import { fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import type { TaskStore } from '../../../src/core/store/task-store.js';
import { freshStore } from '../../support/stores.js';
import { json, scriptStream, type Script, type ScriptedResponse } from '../../support/scripted-stream.js';

export const created = (id = 'trun_form1') => json({ run_id: id, interaction_id: `int_${id}`, status: 'queued', is_active: true, processor: 'base', created_at: '2026-11-01T10:00:00Z', modified_at: '2026-11-01T10:00:00Z' }, 202);
export const shannonCreated = (id = 'task-u-1') => json({ workflow_id: id, task_id: id, stream_url: `/api/v1/stream/sse?workflow_id=${id}` }, 201);

export function $(el: TaskFormElement, selector: string): HTMLElement {
  const found = el.shadowRoot!.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

export async function type(el: TaskFormElement, selector: string, value: string): Promise<void> {
  const input = $(el, selector) as HTMLInputElement | HTMLTextAreaElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}

export async function choose(el: TaskFormElement, name: string, value: string): Promise<void> {
  el.shadowRoot!.querySelector<HTMLInputElement>(`input[type=radio][name=${name}][value=${value}]`)!.click();
  await el.updateComplete;
}

export async function select(el: TaskFormElement, selector: string, value: string): Promise<void> {
  const control = $(el, selector) as HTMLSelectElement;
  control.value = value;
  control.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

export async function press(el: TaskFormElement, text: string): Promise<void> {
  const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
  if (!button) throw new Error(`no button ${text}`);
  button.click();
  await el.updateComplete;
}

export interface FormFixture {
  el: TaskFormElement;
  store: TaskStore;
  script: Script;
}

/** A form of a fresh store (or `store`) whose requests go to a scripted server answering `responses`. */
export async function form(options: { provider?: string; authMode?: string; store?: TaskStore; responses?: ScriptedResponse[] } = {}): Promise<FormFixture> {
  const store = options.store ?? freshStore();
  const script = await scriptStream(options.responses ?? [created()]);
  const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} proxy-url=${script.url}
    provider=${options.provider ?? 'parallel'} auth-mode=${options.authMode ?? 'none'}></task-form>`);
  return { el, store, script };
}

/** Collects the request of every `task-submit` the form fires (the exact body sent). */
export function submitted(el: TaskFormElement): Array<Record<string, unknown>> {
  const requests: Array<Record<string, unknown>> = [];
  el.addEventListener('task-submit', (e) => requests.push(e.request as Record<string, unknown>));
  return requests;
}
