// custom-elements.json is generated from the element classes' JSDoc, never written by hand.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
};
