// custom-elements.json is generated from the element classes' JSDoc (@fires, @csspart, @cssprop ...).
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/core/**'],
  outdir: '.',
  litelement: true,
};
