// custom-elements.json is generated from the element classes' JSDoc, never written by hand; the
// plugins type the events and point at the built modules (scripts/manifest-plugins.mjs).
import { manifestPlugins } from './scripts/manifest-plugins.mjs';

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: manifestPlugins(),
};
