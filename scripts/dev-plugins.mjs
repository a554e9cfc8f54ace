// Dev-server plugins shared by the test runner and the demo server.

/**
 * webrtc-adapter imports `sdp`, whose "module" entry is CommonJS (it assigns `module.exports`).
 * Served as is, the browser finds no default export; wrap it in a module scope instead.
 */
export const sdpAsModule = {
  name: 'sdp-as-module',
  transform(context) {
    if (!/\/node_modules\/sdp\/sdp\.js$/.test(context.path)) return undefined;
    return { body: `const module = { exports: {} };\n${context.body}\nexport default module.exports;\n` };
  },
};
