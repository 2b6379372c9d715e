import { expect } from '@open-wc/testing';
import { canonicalLocale, catalogFor, registerLocale } from '../../../src/components/shared/i18n/locales.js';
import { de } from '../../../src/components/shared/i18n/de.js';
import { english as en } from '../../support/english.js';

describe('locales', () => {
  it('matches a language from its most specific tag down: de-CH and de-AT use German', async () => {
    expect(await catalogFor('de-CH')).to.equal(de);
    expect(await catalogFor('de-AT')).to.equal(de);
    expect(await catalogFor('de')).to.equal(de);
    expect(catalogFor('en-GB'), 'English is built in').to.deep.equal({});
    expect(catalogFor('ja'), 'an unknown language is English').to.deep.equal({});
  });

  it('loads German as a module of its own: once, then at hand', async () => {
    const first = catalogFor('de');
    const second = catalogFor('de-LU');
    expect(await first).to.equal(de);
    expect(await second).to.equal(de);
    expect(catalogFor('de'), 'loaded: no promise any more').to.equal(de);
  });

  it('takes catalogs registered by the host, eager or loaded, and a failed load resolves to English and is retried', async () => {
    registerLocale('fr', { 'history.clearAll': 'Tout effacer' });
    expect(catalogFor('fr-CA')).to.deep.equal({ 'history.clearAll': 'Tout effacer' });
    let calls = 0;
    registerLocale('nl', async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return { 'history.clearAll': 'Alles wissen' };
    });
    expect(await catalogFor('nl')).to.equal(undefined);
    expect(await catalogFor('nl')).to.deep.equal({ 'history.clearAll': 'Alles wissen' });
    expect(calls).to.equal(2);
  });

  it('reads lang values as BCP 47 tags: canonical case, empty or malformed is no language', () => {
    expect(canonicalLocale('DE-ch')).to.equal('de-CH');
    expect(canonicalLocale('')).to.equal(undefined);
    expect(canonicalLocale('not a tag!')).to.equal(undefined);
    expect(canonicalLocale(null)).to.equal(undefined);
  });

  it('has every English key in German, and no German key English lacks', () => {
    expect(Object.keys(de).sort()).to.deep.equal(Object.keys(en).sort());
    for (const [key, message] of Object.entries(de)) {
      const english = en[key as keyof typeof en];
      expect(typeof message, key).to.equal(typeof english);
      const names = (m: unknown) => new Set(JSON.stringify(m).match(/\{\w+\}/g) ?? []);
      expect([...names(message)].sort(), `placeholders of ${key}`).to.deep.equal([...names(english)].sort());
    }
  });
});
