/**
 * The demo page: wires the provider and theme switches, injects the chosen mock scenario into each
 * submission (through the cancelable `task-submit` event), and logs every task-* DOM event.
 */
import '../src/define.ts';
import type { TaskFormElement } from '../src/components/task-form/task-form.ts';
import { fillScenarioMenu } from './scenario-menu.ts';

const EVENTS = ['task-submit', 'task-created', 'task-select', 'task-state', 'task-progress', 'task-complete', 'task-connection', 'task-error', 'task-rerun'];
const switches = document.querySelector<HTMLFormElement>('.switches')!;
const form = document.querySelector<TaskFormElement>('task-form')!;
const log = document.querySelector<HTMLOListElement>('#log')!;
fillScenarioMenu(switches.elements.namedItem('scenario') as HTMLSelectElement, document.querySelector<HTMLElement>('#scenario-description')!);

function setting(name: string): string {
  return (switches.elements.namedItem(name) as RadioNodeList | HTMLSelectElement).value;
}

switches.addEventListener('change', () => {
  form.provider = setting('provider') === 'shannon' ? 'shannon' : 'parallel';
  document.documentElement.dataset.theme = setting('theme');
});

// The mock picks its behaviour from metadata.mock_scenario (Parallel) or context.mock_scenario
// (Shannon); listeners of task-submit may adjust the request before it is sent.
document.addEventListener('task-submit', (event) => {
  const scenario = setting('scenario');
  if (scenario === 'happy') return;
  const request = event.request as { metadata?: Record<string, unknown>; context?: Record<string, unknown> };
  if (event.provider === 'parallel') request.metadata = { ...request.metadata, mock_scenario: scenario };
  else request.context = { ...request.context, mock_scenario: scenario };
});

function summary(event: Event): string {
  const e = event as Event & Record<string, unknown>;
  switch (event.type) {
    case 'task-created': return `${e.provider} run ${e.runId}`;
    case 'task-select': return `run ${e.runId}`;
    case 'task-state': return `${e.previousStatus} → ${e.status}`;
    case 'task-progress': return `${(e.events as unknown[]).length} event(s)`;
    case 'task-complete': return `${e.status}`;
    case 'task-connection': return `${e.state}`;
    case 'task-error': return `${e.message}`;
    case 'task-submit': return `${e.provider}`;
    default: return '';
  }
}

for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString();
    const name = document.createElement('code');
    name.textContent = type;
    const text = document.createElement('span');
    text.textContent = summary(event);
    item.append(time, name, text);
    log.prepend(item);
    while (log.children.length > 200) log.lastElementChild!.remove();
  });
}

document.querySelector('#clear-log')!.addEventListener('click', () => log.replaceChildren());
