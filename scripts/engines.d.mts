// Types for scripts/engines.mjs (plain JS so that Node runs it without a loader).
export type Engine = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly Engine[];
export const CHROMIUM_ARGS: string[];
export const LOCALE_ENV: { LANG: string; LANGUAGE: string; LC_ALL: string };
export const paths: { chromium: string; firefox: string; webkitDriver: string; miniBrowser: string; xvfb: string };
export const PACKAGES: Record<Engine, string[]>;
export function parseEngines(argv: string[], fallback?: string[]): { engines: Engine[]; rest: string[] };
export function missing(engine: Engine): string | undefined;
export function freePort(): Promise<number>;
export function startWebKitDriver(): Promise<{ port: number; capabilities: Record<string, unknown>; stop(): Promise<void> }>;
