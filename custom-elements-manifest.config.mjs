// custom-elements.json is generated from the element classes' JSDoc (@tagname, @fires, @csspart,
// @cssprop ...). The analyzer also guesses events from `dispatchEvent(new X(arg))` calls and takes
// the first constructor argument for the event name; our Event subclasses carry their names
// statically, so only the documented `task-*` events are kept.
function keepDocumentedEvents() {
  return {
    name: 'keep-documented-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => /^task-[a-z-]+$/.test(event.name ?? ''));
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/core/**'],
  outdir: '.',
  litelement: true,
  plugins: [keepDocumentedEvents()],
};
