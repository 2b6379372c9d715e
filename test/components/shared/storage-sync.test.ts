import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import { createTaskStore } from '../../../src/core/store/task-store.js';
import { registerTaskStore, releaseTaskStore } from '../../../src/core/store/registry.js';
import { KEY_PREFIX } from '../../../src/core/store/persistence.js';

describe('StorageSyncController: nothing is lost on leaving', () => {
  it('writes what is pending when the page is hidden or left, without waiting for the save delay', async () => {
    const name = `leave-${Date.now().toString(36)}`;
    const store = createTaskStore({ name, persistence: localStorage, saveDelayMs: 60_000 });
    registerTaskStore(store);
    try {
      await fixture(html`<task-history store=${name} refresh-interval="0"></task-history>`);
      store.addRun({ id: 'r', provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
      expect(localStorage.getItem(`${KEY_PREFIX}:${name}`), 'not written yet: the save delay is long').to.equal(null);
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      expect(JSON.parse(localStorage.getItem(`${KEY_PREFIX}:${name}`)!).runs[0].id).to.equal('r');
      store.updateRun('r', { processor: 'pro' });
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      expect(JSON.parse(localStorage.getItem(`${KEY_PREFIX}:${name}`)!).runs[0].processor).to.equal('pro');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      store.clear();
      await store.settled();
      releaseTaskStore(name);
      localStorage.removeItem(`${KEY_PREFIX}:${name}`);
    }
  });
});
