// Size budgets of the script-tag bundle (`npm run build` first; checked by test/package/size.test.ts in
// `npm test`, or `npx size-limit`). Each check sums the gzip size of every JavaScript file a kind of
// page downloads (each file is one response), derived from the chunk graph the build writes to
// dist/bundle-manifest.json: the loader (task-elements.bundle.js), the shared chunk, the chunk of each
// element on the page, and for "everything" also what loads later (markdown for text outputs).
//
// "Sign in with Parallel" (auth-mode="oauth") has a budget of its own: it loads only on pages that use
// it (the binding when an element is in oauth mode, the OAuth flow with oauth4webapi when a sign-in
// starts or returns), so it is counted apart from what every other page can download (~13 kB gzip).
// Batches (Parallel task groups, issue 14 §2) likewise: one chunk (task-group/group-ui.ts) loaded only
// on pages that use batches (11.2 kB measured); the idle pages carry only the batch switch, the loader
// and one small controller per element. Measured before/after the batch UI (gzip, on main with the
// history's undo): three elements idle 66.1 → 67.2 kB (+0.3 loader in the shared chunk, +0.7 switch
// and controller in the form, and jsonc-parser's scanner now a chunk of its own that the form and the
// batch chunk share), only <task-stream> 43.2 → 43.6 kB, everything without sign-in 106.3 → 108.4 kB
// (the connection chunk exports what the batch chunk uses from it: +1.0 kB). So those two limits
// moved from 67 and 107 kB to 68 and 109 kB.
//
// The limits guard against growth; they are the sizes last measured plus ~1 kB.
// Up front a page gets Lit, the store, the run index with its validation (valibot) and its elements;
// loaded on first use: the run view of <task-stream> (when it first shows a run), the connection
// chunk (stream client, SSE decoding, providers, run session), the wording the two share, the
// IndexedDB event log (idb), markdown, the history's virtual list (over 30 runs) and the sign-in.
// Issue 11's targets are 40 kB (three elements idle), 30 kB (only <task-stream>) and 60 kB
// (everything). Measured after the lazy run view: 52.9 / 30.0 / 107.9 kB (were 66.1 / 43.2 / 106.3 with
// the history's undo, "Clear shown" and status-refresh budget of issue 17).
//
// Localization (issue 15 §2) adds the language machinery and the words as catalog entries: each
// element's English travels with its element (the run view's with the run view, the form's and its
// field checks' with the form), the common words and the Localizer with the shared chunk, and German
// is a chunk of its own, loaded only by pages in German (its own line below; "everything" counts
// English pages). Measured with all three elements and the sign-in localized: 60.8 / 33.0 / 116.0 kB, German 8.4 kB.
// Issues 12 and 13 then add 1.0 / 0.8 / 1.5 kB (measured 61.8 / 33.8 / 117.5 kB; "everything" 118): the
// sign-in's answer wiped from the address bar when the library loads (every page), the clock's
// two-sided skew, "Run again" / "Edit & run again", short table cells kept whole, grouped confirmations.
//
// The run index in IndexedDB (issue 17) adds the store's loading and record-by-record saving up front
// (run-list-load.ts, run-list-sync.ts) and the reading, checking and migration of the index to the
// idb chunk: measured 63.6 / 35.6 / 121.2 kB on top of issues 12 and 13.
// The run's timeline (issue 15 §1) is part of the run view (+4.1 kB to "everything"); plain-language
// errors with their Details, the refused-key history and the last core sentences in words (issues 8,
// 9, 13, 15 §2); batches (issue 14 §2) are a chunk of their own (11.6 kB, its line below) and every
// page gets the form's batch switch and the loaders: measured 66.1 / 36.7 / 129.6 kB, German 9.7 kB.
// One live connection per run across tabs (issue 14 §1: election, fan-out, takeover, the stream
// budget) lives in the connection chunk; up front only the store's choice of sharing: measured
// 66.3 / 36.9 / 132.6 kB ("everything" 130 → 133.5 kB).
// The run view's words (issue 13, fresh2: one duration per run, source counts from citations, advice
// per provider, the paused look) are in the run view's chunk: measured 66.89 / 37.17 / 133.85 kB
// ("everything" 133.5 → 134 kB).
// Issue 9's fresh2 fixes add up front the run view's rule that task-complete waits for the run's
// lifecycle to settle (the settled phases), and "Stop watching" kept with the run (its schema field
// and the store's record of it): measured 66.34 → 66.68 / 36.80 → 37.08 kB, so those limits move
// from 66.5 and 37 kB to 67 and 37.5 kB.
// A history's first rows without waiting for the IndexedDB chunk (issue 17): the database is opened and
// the newest runs read and checked up front, while the page renders (idb-head.ts, stored-head.ts:
// about +0.9 kB to every page, -0.6 kB from the idb chunk): measured 66.68 → 67.68 / 37.08 → 37.96 /
// 133.63 kB, so the limits move to 68 / 38.5 / 134 kB.
// One usage report per run (issue 8: the totals, a split by agent and the timeline's lanes read the
// same figures; usage-ledger.ts and usage-report.ts load with the run view, only the 0.2 kB that
// tells two reports of one call apart goes up front with the log's rows): measured 66.3 / 36.8 /
// 132.9 → 66.2 / 36.9 / 133.9 kB on main before issue 9's fresh2 fixes, and 66.8 / 37.3 / 134.5 kB
// with them; German 9.8 → 9.9 kB ("everything" 133.5 → 135 kB).
// Then a tab re-reading the stored run list keeps runs other tabs added meanwhile (run-list-sync.ts):
// measured 66.93 / 37.20 / 133.54 kB in the landing run, "everything" 133.5 → 134.5 kB.
// The last batch of session 11 (the history's first rows up front, one usage report, the run list's
// re-read fix) measured together: 67.89 / 38.39 / 135.28 kB, German 9.95 kB (with the run view's words); limits 68.5 / 39 / 136 / 10.5 kB.
// Session 12 (lean2), each move measured: the form's parts that wait for a person load on use
// (lazy-form-parts.ts): jsonc-parser's scanner (3.4 kB) when someone first types in the form, the
// request error's words with the shared HTTP-failure wording (2.4 kB) when a create request starts:
// idle 67.89 → 62.29 kB; only <task-stream> 38.43 kB; everything 135.28 → 136.02 kB (two more chunk
// boundaries). Limits 63 / 39 / 136.5 kB.
// Then only what needs them downloads the words of failed requests (shared/error-strings.ts, with
// error-text.ts) and of the sign-in (shared/oauth-strings.ts, with its views), and the processors list
// and two small readers leave the shared chunk: 62.29 → 60.90 / 38.43 → 36.62 / 136.02 → 135.67 kB,
// sign-in 13.34 → 13.84 kB. The elements' css`…` minified by lightningcss in the bundle
// (@lit-labs/rollup-plugin-minify-html-literals): 60.90 → 59.85 / 36.62 → 36.44 / 135.67 → 133.90 kB,
// batches 11.70 → 11.54 kB. Limits 60.5 / 37 / 134.5 kB, sign-in 14.5 kB.
// The words of the form's field checks (core/validation/strings.ts) load when a person first types in
// or moves into the form, or when a check is first to be shown: 59.85 → 59.06 / 36.44 / 133.90 →
// 134.46 kB (German 9.97). Limits 59.5 / 37 / 135 kB.
// First paint (scale2, issues 17/10: the early database open, the deferred first render, the formatter
// warm-up, the one-request head read; the bulk delete in the IndexedDB chunk): 59.06 → 59.80 /
// 36.44 → 37.08 / 134.46 → 135.32 kB. Limits 60 / 37.5 / 135.5 kB.
// A run the page cannot reach says so (fresh3 b: "key rejected", "not found"… instead of "queued"; reach.ts
// and its words in the shared chunk, the history's refusals) and history rows that cut nothing at any
// width (a size container, age-clock.ts): measured 59.06 → 59.78 / 36.84 / 134.46 → 135.17 kB after
// moving the history styles' comments out of the css literal and shortening the advice; limits 60 / 37 / 135.5 kB.
// Then tabs2 (issue 14 §1, fresh14): the queued run's words, the incomplete-log note, a follower's catch-up
// after missed messages (follower-sync.ts, numbered messages, the `state` answer): 59.80 → 59.89 /
// 37.08 → 37.03 / 135.32 → 136.20 kB, German 10.24 kB; "everything" limit 135.5 → 136.5 kB.
// The final batch of session 12 measured together (words2's reach and row widths, stopped's result
// loading and still clock, tabs2's queued-run words, message numbering and per-tab selection):
// 60.62 / 37.55 / 137.59 kB, German 10.49 kB. Limits 61 / 38 / 138 kB, German 11 kB.
// A batch's opened run gets the run view's header, and the batch's downloads wait for a finished run
// (issues 13 §1, 14 §2): measured on 6ceff3c → with it, in bytes: idle 61,552 → 61,560 / only
// <task-stream> 38,132 → 38,139 / everything 139,109 → 139,157, German 11,391 → 11,433, batches
// 14,138 → 14,503. Each limit moves by that measured amount: 61.55 → 61.56 / 38.12 → 38.13 /
// 139.08 → 139.13 / batches 14.16 → 14.53 kB. (On 6ceff3c idle, only <task-stream> and everything
// were already 2 / 12 / 29 B over their limits; that part is left to whoever made it.)
import { existsSync, readFileSync } from 'node:fs';

const MANIFEST = 'dist/bundle-manifest.json';
const graph = existsSync(MANIFEST) ? JSON.parse(readFileSync(MANIFEST, 'utf8')) : {};

/** The files a page downloads when it loads `keys` (manifest keys), following static imports only. */
function closure(keys, seen = new Set()) {
  for (const key of keys) {
    const chunk = graph[key];
    if (!chunk || seen.has(`dist/${chunk.file}`)) continue;
    seen.add(`dist/${chunk.file}`);
    closure(chunk.imports ?? [], seen);
  }
  return seen;
}
/** Every file reachable from `keys`, dynamic imports included, except through `skip` (manifest keys). */
function everything(keys, skip = [], seen = new Set()) {
  for (const key of keys) {
    const chunk = graph[key];
    if (!chunk || seen.has(key) || skip.includes(key)) continue;
    seen.add(key);
    everything([...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])], skip, seen);
  }
  return new Set([...seen].map((key) => `dist/${graph[key].file}`));
}

const ENTRY = 'src/bundle.ts';
/** Catalogs of languages other than English: a page downloads the one of its `lang`, if any (issue 15 §2). */
const LANGUAGES = Object.keys(graph).filter((key) => /^src\/components\/shared\/i18n\/(?!catalog|locales)[a-z-]+\.ts$/.test(key));
/** The lazily loaded entry of "Sign in with Parallel" (src/components/shared/sign-in-gate.ts imports it). */
const OAUTH = 'src/components/shared/oauth-binding.ts';
/** The lazily loaded batch UI (src/components/shared/lazy-groups.ts imports it). */
const GROUPS = 'src/components/task-group/group-ui.ts';
const element = (tag) => `src/components/${tag}/${tag}.ts`;
const files = (set) => [...set];

export default [
  {
    name: 'page with <task-form>, <task-stream> and <task-history>, idle',
    path: files(closure([ENTRY, element('task-form'), element('task-stream'), element('task-history')])),
    // A long Web Storage history's load bounded by work as well as time (run-list-load.ts, up front):
    // measured on main 405da12 → with it 61.52 → 61.55 kB, so 61.55 → 61.6 kB.
    // hist (a batch deleted from <task-history> like a run, with Undo; "Clear" counts batches):
    // measured on 6ceff3c → with it 61.55 → 61.96 kB (+0.41), so 61.6 → 62.01 kB.
    // hist4 (a history row's "Edit & run again" measured in two lines in a narrow box, not three):
    // measured on main 3ba02e2 → with it 61.966 → 62.087 kB (+0.121), so 62.01 → 62.13 kB.
    // hist4 (<task-history>'s deleting split out of the element: deletion-controller.ts, clear-all.ts;
    // two classes and the view they share): 62.087 → 62.308 kB (+0.221), so 62.13 → 62.35 kB.
    // Then Control+Z undoes a deletion wherever the focus is in the history: 62.308 → 62.407 kB
    // (+0.099), so 62.35 → 62.45 kB. Then deleting a run or batch still running says so: 62.407 →
    // 62.491 kB (+0.084), so 62.45 → 62.53 kB.
    // stream5 (enumerated attributes read in any case; an unknown value warns once per element): +0.179 kB measured, so 62.53 → 62.709 kB.
    // stream5 (a run known only by its id claims no creation time: createdAtUnknown): +0.074 kB measured, so 62.709 → 62.783 kB.
    // A quiet check refused (401/403/404) fails the run instead of asking again for good (trial5: a Shannon
    // run the server does not know read "Live" forever): measured with it 62.792 kB, so the limit is 62.792 kB.
    limit: '62.792 kB',
    gzip: true,
  },
  {
    name: 'page with only <task-stream>, idle',
    path: files(closure([ENTRY, element('task-stream')])),
    // The same bounded slice: 38.11 → 38.13 kB, so 38.12 → 38.15 kB.
    // stream5 (enumerated attributes read in any case; an unknown value warns once per element): +0.219 kB measured, so 38.15 → 38.369 kB.
    // stream5 (a run known only by its id claims no creation time: createdAtUnknown): +0.060 kB measured, so 38.369 → 38.429 kB.
    // A quiet check refused (401/403/404) fails the run instead of asking again for good (trial5: a Shannon
    // run the server does not know read "Live" forever): measured with it 38.432 kB, so the limit is 38.432 kB.
    limit: '38.432 kB',
    gzip: true,
  },
  {
    name: 'everything a page without sign-in can load, lazily loaded chunks (markdown) included, in English',
    path: files(everything([ENTRY], [OAUTH, GROUPS, ...LANGUAGES])),
    // words4 c (every scroll box of the run view positioned, so a table's hidden header cannot widen the
    // page): measured on main fc9562d → with it 138.82 → 138.87 kB, so 138.83 → 138.88 kB.
    // merge (issue 14, a stale record at rest: each run record written merged with the stored one in
    // the IndexedDB chunk): measured on 050501e → with it 138.80 → 138.91 kB (+0.11), on main 055d89f 138.90 → 139.01; limit 138.93 → 139.04 kB.
    // Then a log of status changes only says so ("2 status changes · show", the run view's words):
    // 138.91 → 138.95 kB (+0.04), so 139.04 → 139.08 kB.
    // The same bounded slice: 139.07 → 139.11 kB, so 139.08 → 139.12 kB.
    // hist (a batch deleted from <task-history> like a run, with Undo; "Clear" counts batches):
    // measured on 6ceff3c → with it 139.11 → 139.51 kB (+0.40), so 139.12 → 139.53 kB (139.523 measured on main 1670fa8 with it).
    // batchrun (a run opened from a batch gets the run view's header; downloads wait for a finished run):
    // measured on main 7610bd9 → with it 139.52 → 139.56 kB, so 139.53 → 139.57 kB.
    // hist4 (the row's button in two lines): measured on main 3ba02e2 → with it 139.557 → 139.678 kB
    // (+0.121), so 139.57 → 139.69 kB. Then deleting split out of the element: 139.678 → 139.899 kB
    // (+0.221), so 139.69 → 139.91 kB. Then Control+Z anywhere in the history: 139.899 → 139.996 kB
    // (+0.097), so 139.91 → 140.01 kB. Then "still running" on deleting one: 139.996 → 140.080 kB
    // (+0.084), so 140.01 → 140.09 kB.
    // stream5 (enumerated attributes read in any case; an unknown value warns once per element): +0.208 kB measured, so 140.09 → 140.298 kB.
    // stream5 (a run known only by its id claims no creation time: createdAtUnknown): +0.078 kB measured, so 140.298 → 140.376 kB.
    // A quiet check refused (401/403/404) fails the run instead of asking again for good (trial5: a Shannon
    // run the server does not know read "Live" forever): measured with it 140.467 kB, so the limit is 140.467 kB.
    limit: '140.467 kB',
    gzip: true,
  },
  {
    name: 'what "Sign in with Parallel" adds, loaded only with auth-mode="oauth" (binding, then the OAuth flow)',
    path: files(new Set([...everything([OAUTH])].filter((file) => !everything([ENTRY], [OAUTH]).has(file)))),
    limit: '14.5 kB',
    gzip: true,
  },
  {
    name: 'what a page in German adds (lang="de": the German catalog, loaded when an element first renders in German)',
    path: files(new Set(LANGUAGES.filter((key) => key.endsWith('/de.ts')).map((key) => `dist/${graph[key].file}`))),
    // hist (the words of deleting a batch and of "Clear" with batches, in de-batch.ts): measured
    // 11.39 → 11.56 kB (+0.17), so 11.5 → 11.67 kB.
    // detect3 (a CSV row of the wrong width: several rows counted, advice to quote a value with the
    // separator, in de-batch.ts): measured on main 3ba02e2 → with it 11.603 → 11.793 kB (+0.19), so 11.67 → 11.86 kB.
    limit: '11.86 kB',
    gzip: true,
  },
  {
    name: 'what batches (Parallel task groups) add, loaded only on pages that use them',
    path: files(new Set([...everything([GROUPS], [OAUTH, ...LANGUAGES])].filter((file) => !everything([ENTRY], [OAUTH, GROUPS, ...LANGUAGES]).has(file)))),
    // group3 (fresh14/freshF batch view): the runs list read when a group's counts are ahead of its runs,
    // counts from each run's status, the view's styles scoped under .batch-view: 11.81 → 12.22 kB. Then the
    // batch draft kept over a reload (batch-draft.ts, its words) and one read of a group's results for
    // the downloads and an opened run: 12.22 → 12.89 kB.
    // words4 (freshG §4): Detect reads broken CSV/JSON as that format (batch-detect.ts) and says when it
    // read lines, with its words: measured 13.74 → 14.10 kB (+0.36), so the limit moves 13.8 → 14.16 kB.
    // hist (a batch's Delete button and key in the history, its filter match and words for "Clear"):
    // measured 14.14 → 14.89 kB (+0.75), so 14.16 → 14.91 kB.
    // batchrun (the opened run's header, the downloads' wait and its words): measured on main 7610bd9 →
    // with it 14.89 → 15.25 kB, so 14.91 → 15.26 kB.
    // detect3 (Detect reads a header over rows that all have its separator as CSV; every row of the wrong
    // width counted, the first named, with advice, in the core's English and the catalog's words):
    // measured on main 3ba02e2 → with it 15.265 → 15.984 kB (+0.719), so 15.26 → 15.979 kB. On 3ba02e2
    // this machine already measured 5 B over the old limit; that excess is not covered here.
    limit: '15.979 kB',
    gzip: true,
  },
];
