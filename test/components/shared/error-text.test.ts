import { expect } from '@open-wc/testing';
import { errorText, httpStatusText, requestErrorText } from '../../../src/components/shared/error-text.js';
import { de } from '../../../src/components/shared/i18n/de.js';
import { ConfigError, GaveUpError, HttpStatusError, NetworkError, TaskElementsError } from '../../../src/core/errors.js';
import { Localizer } from '../../../src/core/i18n/localizer.js';
import { withLocalizer } from '../../../src/core/i18n/scope.js';

const german = new Localizer('de', de);
const inGerman = <T>(fn: () => T) => withLocalizer(german, fn);

describe('errors in words (error-text)', () => {
  it('says a missing key or sign-in in the page’s language, naming the auth mode', () => {
    const key = new ConfigError('auth-mode="bearer" needs an API key: …', { need: 'api-key', authMode: 'bearer' });
    expect(errorText(key)).to.equal('auth-mode="bearer" needs an API key: set the apiKey property, or use auth-mode="none" behind the proxy.');
    expect(inGerman(() => errorText(key))).to.equal('auth-mode="bearer" braucht einen API-Schlüssel: Setzen Sie die Eigenschaft apiKey, oder verwenden Sie auth-mode="none" hinter dem Proxy.');
    expect(inGerman(() => errorText(new ConfigError('…', { need: 'sign-in' })))).to.contain('braucht eine Anmeldung');
  });

  it('says giving up with the last problem in words, or that nothing new came', () => {
    const cause = new HttpStatusError('The server had a problem (503).', { status: 503, url: '/x' });
    const gaveUp = new GaveUpError('…', { attempts: 8, cause });
    expect(errorText(gaveUp)).to.equal('Gave up after 8 attempts to follow the run. The last problem: The server had a problem (503). It is usually temporary. Press Reconnect to try again.');
    expect(inGerman(() => errorText(gaveUp))).to.equal('Nach 8 Versuchen, dem Lauf zu folgen, aufgegeben. Das letzte Problem: Der Server hatte ein Problem (503). Das ist meist vorübergehend. Drücken Sie „Neu verbinden“, um es erneut zu versuchen.');
    expect(errorText(new GaveUpError('…', { attempts: 3 }))).to.equal('Gave up after 3 attempts to follow the run. Each connection ended without anything new. Press Reconnect to try again.');
  });

  it('says HTTP statuses and unreachable servers in German; other errors keep their own sentence', () => {
    expect(inGerman(() => httpStatusText(429, 2500))).to.equal('Zu viele Anfragen (429). Versuchen Sie es in 3 s erneut.');
    expect(inGerman(() => httpStatusText(418))).to.equal('Die Anfrage ist fehlgeschlagen (418).');
    expect(inGerman(() => errorText(new NetworkError('/api/parallel/v1/tasks/runs')))).to.match(/^\/api\/parallel\/v1\/tasks\/runs war nicht erreichbar\./);
    expect(inGerman(() => errorText(new TaskElementsError('Something only the core knows.')))).to.equal('Something only the core knows.');
    const refused = new HttpStatusError('…', { status: 401, url: '/x', body: { error: { message: 'Invalid API key' } } });
    expect(inGerman(() => requestErrorText(refused))).to.equal('Der API-Schlüssel fehlte oder wurde abgelehnt (401). Prüfen Sie den Schlüssel oder den, den der Proxy hinzufügt. „Invalid API key“');
  });
});
