/**
 * A `Localizer` is one language at work: the messages of its catalog (with the host's overrides
 * and English for anything missing) and every date, relative time, number, currency and duration
 * formatted with `Intl` for that language (issue 15 §2). Formatters are made once per language and
 * options and shared by every element. DOM-free.
 */
import { commonStrings } from './en.js';
import { formatMessage, type Message } from './messages.js';

/** Messages by key: a language's catalog, or a host's overrides (keys are those of `TaskStrings`). */
export type Catalog = { readonly [key: string]: Message | undefined };

const formatters = new Map<string, unknown>();

/** One `Intl` formatter per language, kind and options, made on first use. */
function cached<T>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The smallest cost shown as a number; anything above 0 and below it reads "< $0.0001". */
const SMALLEST_COST = 0.0001;

interface DurationFormatLike {
  format(duration: { hours: number; minutes: number; seconds: number }): string;
}
type DurationFormatConstructor = new (locale: string, options: { style: 'digital'; hoursDisplay: 'auto' }) => DurationFormatLike;

export class Localizer {
  /** The BCP 47 tag formats follow (`de-CH`). */
  readonly locale: string;
  readonly #catalog: Catalog;
  readonly #overrides: Catalog | undefined;

  constructor(locale: string, catalog: Catalog = {}, overrides?: Catalog) {
    this.locale = locale;
    this.#catalog = catalog;
    this.#overrides = overrides;
  }

  /**
   * The text of message `key` in this language, its `{placeholders}` filled from `params`: the
   * host's override, else the language's catalog, else `english` (the English of the part of the
   * UI asking, see scope.ts `translator`), else the common English word, else the key itself.
   */
  text(key: string, params?: Record<string, string | number>, english?: Message): string {
    const message = this.#overrides?.[key] ?? this.#catalog[key] ?? english ?? (commonStrings as Catalog)[key] ?? key;
    return formatMessage(message, params, (n) => this.number(n), (n) => this.#plural(n));
  }

  /**
   * Whether this language's catalog or the host's overrides have message `key` (English has none of
   * its own here): for sentences the core writes in English with details only it knows, which a
   * page in another language replaces with its catalog's words.
   */
  translates(key: string): boolean {
    return this.#overrides?.[key] !== undefined || this.#catalog[key] !== undefined;
  }

  /**
   * The formatters a history's or a run's first render uses (numbers, plurals, dates, ages), as one
   * step each, for a caller to make in separate tasks while the elements' code downloads: the first
   * `Intl.NumberFormat` of a page loads ICU data (17 ms of a 37 ms first render, measured in
   * Chromium), and the four in one task came to a 50 ms task on a loaded machine (issue 17's bench).
   */
  warmSteps(): ReadonlyArray<() => void> {
    const now = Date.now();
    return [
      () => this.number(1),
      () => this.#plural(1),
      () => this.dateTime(now),
      () => this.relativeTime(now - 3_600_000, now),
    ];
  }

  #plural(n: number): Intl.LDMLPluralRule {
    return cached(`${this.locale}|plural`, () => new Intl.PluralRules(this.locale)).select(n);
  }

  /** A number in this language: 1,234.5 (en), 1.234,5 (de), ١٬٢٣٤٫٥ (ar). */
  number(n: number, options?: Intl.NumberFormatOptions): string {
    return cached(`${this.locale}|n|${options ? JSON.stringify(options) : ''}`, () => new Intl.NumberFormat(this.locale, options)).format(n);
  }

  /** A date and time (ms since the epoch, or an ISO 8601 string), '' when it does not parse. */
  dateTime(time: number | string | undefined, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' }): string {
    const ms = typeof time === 'string' ? Date.parse(time) : time;
    if (ms === undefined || !Number.isFinite(ms)) return '';
    return cached(`${this.locale}|d|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(this.locale, options)).format(ms);
  }

  /** The local clock time of a moment: "14:05:09" (de), "2:05:09 PM" (en). */
  clockTime(time: number | string | undefined): string {
    return this.dateTime(time, { hour: 'numeric', minute: 'numeric', second: 'numeric' });
  }

  /**
   * How long ago `time` was, relative to `now` (ms): "3 minutes ago", "vor 3 Minuten", "yesterday".
   * Times are past by nature: anything not in the past or within 5 s reads "just now".
   */
  relativeTime(time: number | string | undefined, now: number): string {
    const ms = typeof time === 'string' ? Date.parse(time) : time;
    if (ms === undefined || !Number.isFinite(ms)) return '';
    const seconds = Math.round((now - ms) / 1000);
    if (seconds < 5) return this.text('time.justNow');
    const rtf = cached(`${this.locale}|rt`, () => new Intl.RelativeTimeFormat(this.locale, { numeric: 'auto' }));
    if (seconds < 60) return rtf.format(-seconds, 'second');
    if (seconds < 3600) return rtf.format(-Math.round(seconds / 60), 'minute');
    if (seconds < 86_400) return rtf.format(-Math.round(seconds / 3600), 'hour');
    return rtf.format(-Math.round(seconds / 86_400), 'day');
  }

  /**
   * An elapsed time as a clock reads it ("4:07", "1:05:09"), from milliseconds, with this
   * language's digits: `Intl.DurationFormat` (`digital`) where the browser has it, else the same
   * shape from `Intl.NumberFormat`.
   */
  duration(ms: number): string {
    const total = Math.max(0, Math.floor(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    const DurationFormat = (Intl as unknown as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
    if (DurationFormat && hours) {
      return cached(`${this.locale}|dur`, () => new DurationFormat(this.locale, { style: 'digital', hoursDisplay: 'auto' })).format({ hours, minutes, seconds });
    }
    const two = (n: number) => this.number(n, { minimumIntegerDigits: 2 });
    return hours ? `${this.number(hours)}:${two(minutes)}:${two(seconds)}` : `${this.number(minutes)}:${two(seconds)}`;
  }

  /**
   * A cost in US dollars, one rule for every cost the UI shows (a call, an agent, a run, a price):
   * below a dollar two significant digits ("$0.0020", "$0.0013", "$0.051", "$0.50"), so figures
   * side by side read alike and add up by eye; from a dollar on, cents, none for whole dollars
   * ("$1.25", "$12.50", "$2,400"); "$0.00" for nothing and "< $0.0001" for less than a hundredth
   * of a cent (never "$0.0000" for a cost that is not zero). The currency's sign and place as this language writes them ("0,0020 $").
   */
  cost(usd: number | undefined): string {
    if (usd === undefined || !Number.isFinite(usd)) return '';
    const currency = { style: 'currency', currency: 'USD' } as const;
    const cents = { ...currency, minimumFractionDigits: 2, maximumFractionDigits: 2 };
    if (usd === 0) return this.number(0, cents);
    const size = Math.abs(usd);
    if (size < SMALLEST_COST) return `< ${this.number(SMALLEST_COST, { ...currency, maximumSignificantDigits: 1 })}`;
    // 0.9996 would read "$1.0": from there on it is cents.
    if (size < 0.9995) return this.number(usd, { ...currency, minimumSignificantDigits: 2, maximumSignificantDigits: 2 });
    return this.number(usd, { ...cents, trailingZeroDisplay: 'stripIfInteger' } as Intl.NumberFormatOptions);
  }
}
