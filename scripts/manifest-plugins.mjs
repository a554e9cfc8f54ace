// Analyzer plugins for custom-elements.json, the package's description of its elements:
// - each event an element fires gets its class as its type (from the `static eventName` of the
//   classes in src/events/), and what the analyzer guessed from a `dispatchEvent(new X(…))`
//   call without a name is dropped (the `@fires` line names and describes that event);
// - paths lead to the modules an importer loads (`dist/…/*.js`), not to the TypeScript sources;
// - every element lists the shared theming (the `theme` attribute and the `--escalate-*` custom
//   properties), as documented once in src/elements/theme.styles.ts;
// - modules are listed in a fixed order, so CI can compare.
import { readFileSync } from 'node:fs';

/** `'escalation-link'` → `{ name: 'EscalationLinkEvent', module }`, for every event class. */
function eventClasses(modules) {
  const classes = new Map();
  for (const module of modules) {
    for (const declaration of module.declarations ?? []) {
      const eventName = declaration.members?.find((member) => member.static && member.name === 'eventName');
      if (declaration.kind !== 'class' || !eventName?.default) continue;
      classes.set(eventName.default.replace(/^['"]|['"]$/g, ''), { name: declaration.name, module: module.path });
    }
  }
  return classes;
}

function typeEvents(modules) {
  const classes = eventClasses(modules);
  for (const module of modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement || !declaration.events) continue;
      declaration.events = declaration.events
        .filter((event) => event.name && classes.has(event.name))
        .map((event) => {
          const eventClass = classes.get(event.name);
          return {
            ...event,
            type: { text: eventClass.name },
            references: [{ name: eventClass.name, module: eventClass.module }],
          };
        });
    }
  }
}

const THEME_SOURCE = new URL('../src/elements/theme.styles.ts', import.meta.url);

/** The `@attr` and `@cssprop` lines of theme.styles.ts, as manifest entries. */
function sharedTheming() {
  const text = readFileSync(THEME_SOURCE, 'utf8');
  const entries = (tag) =>
    [...text.matchAll(new RegExp(`^ \\* @${tag} (\\S+) - (.+)$`, 'gm'))].map(([, name, description]) => ({ name, description }));
  return { attributes: entries('attr'), cssProperties: entries('cssprop') };
}

function addSharedTheming(modules) {
  const shared = sharedTheming();
  for (const module of modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement) continue;
      for (const key of ['attributes', 'cssProperties']) {
        const own = declaration[key] ?? [];
        const missing = shared[key].filter((entry) => !own.some((mine) => mine.name === entry.name));
        declaration[key] = [...own, ...missing];
      }
    }
  }
}

const SOURCE = /^\/?src\/(.+)\.(?:ts|js)$/;

/** Every `path` and `module` that names a source file names the built one instead. */
function pointAtBuild(value) {
  if (Array.isArray(value)) return value.forEach(pointAtBuild);
  if (!value || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if ((key === 'path' || key === 'module') && typeof inner === 'string' && SOURCE.test(inner)) {
      value[key] = inner.replace(SOURCE, 'dist/$1.js');
    } else pointAtBuild(inner);
  }
}

export function manifestPlugins() {
  return [
    {
      name: 'escalate-manifest',
      packageLinkPhase({ customElementsManifest }) {
        const { modules } = customElementsManifest;
        typeEvents(modules);
        addSharedTheming(modules);
        pointAtBuild(modules);
        modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ];
}
