// custom-elements.json is generated from the element classes' JSDoc (@tagname, @fires, @csspart,
// @cssprop, @cssstate …) by `npm run build`; test/package/manifest.test.ts checks that the committed
// file is what the build generates, and that it lists every event, part and custom property the
// source uses. Plugins (well-kept ones where they exist):
// - cem-plugin-expanded-types: `ProviderName` → `'parallel' | 'shannon'` (as `expandedType`, which the
//   editor data below shows instead of the alias name);
// - custom-element-vs-code-integration / custom-element-jet-brains-integration: editor data in dist/
//   (package.json's `web-types` points JetBrains IDEs at it; VS Code users add the html data file to
//   `html.customData`).
import { expandTypesPlugin, getTsProgram } from 'cem-plugin-expanded-types';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

/** Base-class hooks marked @internal in task-element.ts; subclasses override them without JSDoc. */
const INTERNAL_MEMBERS = new Set(['endpoint', 'onStoreChange']);
const TYPE_SOURCES = ['src/core/providers/task-event.ts', 'src/core/auth/auth.ts', 'src/core/client/stream-types.ts'];
const toDist = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');

// The analyzer also guesses events from `dispatchEvent(new X(arg))` calls and takes the first
// constructor argument for the event name; our Event subclasses carry their names statically, so only
// the documented `task-*` events are kept. Private and protected members are not public API either,
// and module paths point at dist/*.js, the files that are shipped.
function publicSurfaceOnly() {
  return {
    name: 'public-surface-only',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules = customElementsManifest.modules.filter((mod) => !TYPE_SOURCES.includes(mod.path));
      for (const mod of customElementsManifest.modules) {
        mod.path = toDist(mod.path);
        for (const exp of mod.exports ?? []) if (exp.declaration?.module) exp.declaration.module = toDist(exp.declaration.module);
        for (const declaration of mod.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => /^task-[a-z-]+$/.test(event.name ?? ''));
          if (declaration.superclass?.module) declaration.superclass.module = toDist(declaration.superclass.module);
          for (const m of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
            if (m.inheritedFrom?.module) m.inheritedFrom.module = toDist(m.inheritedFrom.module);
          }
          if (declaration.members) {
            declaration.members = declaration.members.filter((m) => !m.privacy || m.privacy === 'public').filter((m) => !m.name.startsWith('#') && !INTERNAL_MEMBERS.has(m.name));
          }
        }
      }
    },
  };
}

const editorData = {
  outdir: 'dist',
  typesSrc: 'expandedType',
  hideMethodDocs: true,
  hideLogs: true,
};

export default {
  // The public modules only: the elements, their base class and the events (render helpers are internal).
  globs: [
    'src/components/task-form/task-form.ts', 'src/components/task-stream/task-stream.ts',
    'src/components/task-history/task-history.ts', 'src/components/shared/task-element.ts',
    'src/components/shared/events.ts', 'src/components/registration.ts',
    // Read only so that cem-plugin-expanded-types can expand the aliases they declare; dropped below.
    ...TYPE_SOURCES,
  ],
  outdir: '.',
  litelement: true,
  overrideModuleCreation: ({ ts, globs }) => {
    const program = getTsProgram(ts, globs, 'tsconfig.json');
    return program.getSourceFiles().filter((sf) => globs.find((glob) => sf.fileName.includes(glob)));
  },
  plugins: [
    publicSurfaceOnly(),
    expandTypesPlugin({ hideLogs: true }),
    customElementVsCodePlugin({ ...editorData, htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json' }),
    customElementJetBrainsPlugin({ ...editorData, webTypesFileName: 'web-types.json' }),
  ],
};
