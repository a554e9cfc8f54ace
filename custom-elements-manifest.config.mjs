// custom-elements.json is generated from the element classes' JSDoc, never written by hand.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: [
    {
      // The analyzer lists modules in whatever order it finished them; sort so CI can compare.
      name: 'escalate-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
