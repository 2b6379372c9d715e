/**
 * The engine a browser test runs in, for tests that state what each engine does differently
 * (scripts/engines.mjs lists the engines; README "Supported browsers" the consequences).
 */
export type Engine = 'chromium' | 'firefox' | 'webkit';

/** From the user agent: Firefox says `Firefox/`, Chromium `Chrome/`, WebKit (Safari, MiniBrowser) neither. */
export const engine: Engine = /Firefox\//.test(navigator.userAgent) ? 'firefox' : /Chrome\//.test(navigator.userAgent) ? 'chromium' : 'webkit';

/** Picks the expectation for the current engine. */
export function perEngine<T>(values: Record<Engine, T>): T {
  return values[engine];
}
