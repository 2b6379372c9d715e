/**
 * The demo page: wires the provider, credentials and theme switches, injects the chosen mock
 * scenario into each submission (through the cancelable `task-submit` event), and logs every
 * task-* DOM event.
 *
 * Credentials: "Proxy key" (the proxy at /api adds the key) or "Sign in with Parallel"
 * (`auth-mode="oauth"` against the OAuth provider named by the page's `demo-oauth-issuer` meta —
 * the mock's, under `npm start` — with requests through /user-api, a proxy mount that forwards the
 * user's own key). The choice is kept for this tab, so it survives the trip to the sign-in page.
 */
import type { TaskFormElement } from '../src/components/task-form/task-form.ts';
import { fillScenarioMenu } from './scenario-menu.ts';

const EVENTS = ['task-submit', 'task-created', 'task-select', 'task-state', 'task-progress', 'task-complete', 'task-connection', 'task-error', 'task-rerun', 'task-auth'];
const AUTH_CHOICE = 'task-elements-demo:credentials';
const STORAGE_CHOICE = 'task-elements-demo:oauth-storage';
const issuer = document.querySelector<HTMLMetaElement>('meta[name="demo-oauth-issuer"]')?.content;
const switches = document.querySelector<HTMLFormElement>('.switches')!;
const form = document.querySelector<TaskFormElement>('task-form')!;
const log = document.querySelector<HTMLOListElement>('#log')!;
fillScenarioMenu(switches.elements.namedItem('scenario') as HTMLSelectElement, document.querySelector<HTMLElement>('#scenario-description')!);

function setting(name: string): string {
  return (switches.elements.namedItem(name) as RadioNodeList | HTMLSelectElement).value;
}

// Provider and theme survive a reload (this tab only); the form keeps its own drafts.
const PAGE_SETTINGS = 'task-elements-demo:settings';

function saved(): { provider?: string; theme?: string } {
  try {
    return JSON.parse(sessionStorage.getItem(PAGE_SETTINGS) ?? '{}') as { provider?: string; theme?: string };
  } catch {
    return {};
  }
}

/** The provider switch drives the form (an attribute, so it also works before upgrade); the theme the page. */
function applySettings(): void {
  const provider = setting('provider') === 'shannon' ? 'shannon' : 'parallel';
  if (form.getAttribute('provider') !== provider) form.setAttribute('provider', provider);
  document.documentElement.dataset.theme = setting('theme') === 'dark' ? 'dark' : 'light';
  try {
    sessionStorage.setItem(PAGE_SETTINGS, JSON.stringify({ provider, theme: document.documentElement.dataset.theme }));
  } catch {
    // storage blocked: the settings last as long as the page
  }
}

const initialSettings = saved();
(switches.elements.namedItem('provider') as RadioNodeList).value = initialSettings.provider === 'shannon' ? 'shannon' : 'parallel';
(switches.elements.namedItem('theme') as RadioNodeList).value = initialSettings.theme === 'dark' ? 'dark' : 'light';
applySettings();

/** Puts every element in the chosen credentials mode (attributes, so it also works before upgrade). */
function applyCredentials(mode: string): void {
  for (const el of document.querySelectorAll('task-form, task-stream, task-history')) {
    if (mode === 'oauth') {
      el.setAttribute('auth-mode', 'oauth');
      el.setAttribute('proxy-url', '/user-api/parallel');
      el.setAttribute('oauth-storage', sessionStorage.getItem(STORAGE_CHOICE) ?? 'session');
      if (issuer) el.setAttribute('oauth-issuer', issuer);
    } else {
      for (const name of ['auth-mode', 'proxy-url', 'oauth-issuer', 'oauth-storage']) el.removeAttribute(name);
    }
  }
}

const initial = sessionStorage.getItem(AUTH_CHOICE) === 'oauth' ? 'oauth' : 'proxy';
(switches.elements.namedItem('credentials') as RadioNodeList).value = initial;
(switches.elements.namedItem('oauth-storage') as HTMLSelectElement).value = sessionStorage.getItem(STORAGE_CHOICE) ?? 'session';
applyCredentials(initial);
// Listened to before the elements load (a slow first load): a switch changed meanwhile still takes effect.
switches.addEventListener('change', () => {
  applySettings();
  const credentials = setting('credentials');
  const storage = setting('oauth-storage');
  if (credentials !== (sessionStorage.getItem(AUTH_CHOICE) ?? 'proxy') || storage !== (sessionStorage.getItem(STORAGE_CHOICE) ?? 'session')) {
    sessionStorage.setItem(AUTH_CHOICE, credentials);
    sessionStorage.setItem(STORAGE_CHOICE, storage);
    applyCredentials(credentials);
  }
});

// Before the elements load, so that nothing they fire as they upgrade goes unlogged.
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

// Registered after the credentials are applied: a page coming back from the sign-in page finishes it at once.
await import('../src/define.ts');

// The form may switch provider itself ("Edit & run again" of a run of the other provider): its
// reflected `provider` attribute changes, and the page's switch follows, so the two never disagree.
new MutationObserver(() => {
  const radios = switches.elements.namedItem('provider') as RadioNodeList;
  const provider = form.getAttribute('provider') === 'shannon' ? 'shannon' : 'parallel';
  if (radios.value !== provider) {
    radios.value = provider;
    applySettings();
  }
}).observe(form, { attributes: true, attributeFilter: ['provider'] });

// After a submit, the new run is what the person wants to see: bring the live run into view when
// it is not (on narrow screens it sits below the form).
document.addEventListener('task-created', () => {
  const stream = document.querySelector('task-stream');
  if (!stream) return;
  const box = stream.getBoundingClientRect();
  if (box.top < 0 || box.top > window.innerHeight * 0.6) {
    stream.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }
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
    case 'task-auth': return `${e.state}: ${e.message}`;
    default: return '';
  }
}
