import { expect } from '@open-wc/testing';
import { Localizer } from '../../../src/core/i18n/localizer.js';
import { de } from '../../../src/components/shared/i18n/de.js';
import { withLocalizer } from '../../../src/core/i18n/scope.js';
import { historyStrings } from '../../../src/components/task-history/strings.js';
import { t } from '../../../src/components/task-history/strings.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');

/** What `t` of <task-history> says in the language of `localizer`. */
const say = (localizer: Localizer, key: string, params?: Record<string, string | number>) =>
  withLocalizer(localizer, () => (t as unknown as (key: string, params?: Record<string, string | number>) => string)(key, params));

describe('Localizer', () => {
  it('fills placeholders and picks plural forms by the language’s rules, numbers formatted for it', () => {
    const english = new Localizer('en');
    expect(say(english, 'history.count', { count: 1 })).to.equal('1 run');
    expect(say(english, 'history.count', { count: 12345 })).to.equal('12,345 runs');
    expect(say(english, 'history.restored', { label: 'Acme' })).to.equal('Restored run “Acme”.');
    const german = new Localizer('de', de);
    expect(say(german, 'history.count', { count: 1 })).to.equal('1 Lauf');
    expect(say(german, 'history.count', { count: 12345 })).to.equal('12.345 Läufe');
    expect(say(german, 'history.countFiltered', { shown: 3, count: 1000 })).to.equal('3 von 1.000 Läufen');
  });

  it('takes the host’s override first, then the language’s catalog, then English for a key the catalog lacks', () => {
    const partial = new Localizer('fr', { 'history.clearAll': 'Tout effacer' }, { 'history.keep': 'Garder' });
    expect(say(partial, 'history.clearAll')).to.equal('Tout effacer');
    expect(say(partial, 'history.keep')).to.equal('Garder');
    expect(say(partial, 'history.undo'), 'missing in the catalog: English').to.equal(historyStrings['history.undo']);
    const overridden = new Localizer('de', de, { 'history.clearAll': 'Verlauf leeren' });
    expect(say(overridden, 'history.clearAll')).to.equal('Verlauf leeren');
    expect(say(overridden, 'history.keep')).to.equal('Behalten');
  });

  it('leaves a placeholder without a value visible instead of dropping it', () => {
    const l = new Localizer('en', {}, { 'history.restored': 'Restored {label} ({typo}).' });
    expect(say(l, 'history.restored', { label: 'a' })).to.equal('Restored a ({typo}).');
  });

  it('formats relative times, dates and clock times with Intl for the language; past times never say “in”', () => {
    const english = new Localizer('en');
    const german = new Localizer('de', de);
    expect(english.relativeTime('2026-11-30T11:57:00Z', NOW)).to.equal('3 minutes ago');
    expect(german.relativeTime('2026-11-30T11:57:00Z', NOW)).to.equal('vor 3 Minuten');
    expect(german.relativeTime('2026-11-30T12:00:30Z', NOW), 'a server clock ahead').to.equal('gerade eben');
    expect(german.relativeTime('2026-11-29T12:00:00Z', NOW)).to.equal('gestern');
    expect(german.relativeTime('garbage', NOW)).to.equal('');
    const time = Date.parse('2026-11-30T14:05:09');
    expect(german.clockTime(time)).to.equal('14:05:09');
    expect(english.clockTime(time)).to.match(/^2:05:09\sPM$/);
    expect(german.dateTime(time)).to.equal('30.11.2026, 14:05:09');
  });

  it('formats numbers, costs and durations for the language: German separators, Arabic digits', () => {
    const german = new Localizer('de', de);
    expect(german.number(1234.5)).to.equal('1.234,5');
    expect(german.cost(12.3456)).to.match(/^12,35\s\$$/);
    expect(german.cost(0.00002)).to.match(/^< 0,0001\s\$$/);
    expect(german.cost(0)).to.match(/^0,00\s\$$/);
    expect(german.cost(0.002), 'two significant digits in every language').to.match(/^0,0020\s\$$/);
    expect(german.cost(2400)).to.match(/^2\.400\s\$$/);
    expect(new Localizer('en').cost(0.0009)).to.equal('$0.00090');
    expect(german.duration(247_000)).to.equal('4:07');
    expect(german.duration(3_909_000)).to.equal('1:05:09');
    const arabic = new Localizer('ar-EG');
    expect(arabic.number(1234)).to.equal('١٬٢٣٤');
    expect(arabic.duration(247_000)).to.equal('٤:٠٧');
  });
});
