// The layers of src/ and the direction of imports between them, checked by dependency-cruiser
// in `npm run lint`. README.md ("Layers") has the same table for people; change both together.
// Only import edges count: bundles built beside the extension (dist/panel.js, local.js, probe.js,
// the worker entries) are loaded by path at run time (lazyModule, new Worker) and are no edge.

/**
 * What each folder of src/ may import of src/ besides itself (src/extension.ts and src/api.ts may
 * import anything). onlyThese: nothing else at all either, no vscode, no Node builtin, no package.
 */
const LAYERS = {
  views: {
    folders: ['commands', 'webview', 'status', 'smarty', 'batch'],
    may: ['analysis', 'providers', 'images', 'text', 'export', 'services', 'shared'],
    why: 'Views (commands, panels, status bar, tree view) sit on top: they use the analysis and what is below it, never the composition root, the worker plumbing or the webview bundle.',
  },
  analysis: {
    folders: ['analysis'],
    may: ['providers', 'images', 'text', 'services', 'shared'],
    why: 'The analysis flow drives providers and images for the views and must not know about any view.',
  },
  providers: {
    folders: ['providers'],
    may: ['images', 'workers', 'text', 'services', 'shared'],
    why: 'Providers turn a prepared image into a result; they know nothing of the analysis flow or the views that call them.',
  },
  images: {
    folders: ['images'],
    // workers/: preparer.ts and worker/imageWorker.ts run the decoding in a worker thread
    // through the generic worker plumbing; workers/ itself imports shared/ only.
    may: ['workers', 'shared'],
    why: 'Image reading and fitting is a library below the providers: shared/ and the worker-thread plumbing only.',
  },
  export: {
    folders: ['export'],
    may: ['text', 'shared'],
    why: 'The exporters (text, Markdown, JSON, hOCR, searchable PDF) are pure functions of results: they reuse the text layout and the result model, run in plain Node for their tests, and load as dist/export.js on first use.',
  },
  text: {
    folders: ['text'],
    may: ['shared'],
    why: 'Text layout works on the result model alone (shared/).',
  },
  workers: {
    folders: ['workers'],
    may: ['shared'],
    why: 'The worker-thread plumbing is generic: it may use shared/ only.',
  },
  services: {
    folders: ['services'],
    may: ['shared'],
    why: 'The VS Code-facing services (settings, credentials, log) are used by every layer above and may use shared/ only.',
  },
  shared: {
    folders: ['shared'],
    may: [],
    why: 'shared/ (result model, geometry, protocol, guards) is compiled into both the extension and the browser webview, so it imports nothing outside itself: no other folder, no vscode, no Node, no package.',
    onlyThese: true,
  },
  ui: {
    folders: ['ui'],
    may: ['shared'],
    why: 'ui/ is the webview front-end running in a browser: it may use shared/ only (no vscode, no Node builtins, no package).',
    onlyThese: true,
  },
};

const VIEWS = LAYERS.views.folders;
const KNOWN = Object.values(LAYERS).flatMap((layer) => layer.folders);
const folders = (names) => `^src/(${names.join('|')})/`;
/** `vscode` resolves to its type declarations (the module only exists inside the extension host). */
const VSCODE = ['^vscode$', '^node_modules/@types/vscode/'];

const layerRules = Object.entries(LAYERS).map(([name, layer]) => ({
  name: `layer-${name}`,
  severity: 'error',
  comment: layer.why,
  // $1 is the folder the importing module is in: a folder may always import itself.
  from: { path: folders(layer.folders) },
  to: layer.onlyThese
    ? { pathNot: ['^src/$1/', ...(layer.may.length > 0 ? [folders(layer.may)] : [])] }
    // Views importing each other are reported by views-independent instead.
    : { path: '^src/', pathNot: ['^src/$1/', folders(layer.may), ...(name === 'views' ? [folders(VIEWS)] : [])] },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'views-independent',
      severity: 'error',
      comment: 'Commands, the results panels, the status bar and the Smarty view do not import each other; what two of them share lives in a lower layer and the composition root wires them together.',
      from: { path: folders(VIEWS) },
      to: { path: folders(VIEWS), pathNot: '^src/$1/' },
    },
    {
      name: 'layer-known-folders',
      severity: 'error',
      comment: 'Every folder of src/ has its row in the layer table (README.md, Layers, and LAYERS here): add the row before the folder.',
      from: { path: '^src/', pathNot: [folders(KNOWN), '^src/[^/]+\\.ts$'] },
      to: { path: '^src/' },
    },
    {
      name: 'not-to-ui',
      severity: 'error',
      comment: 'ui/ is the browser bundle the results panel loads as a script (dist/webview.js), never a module the extension imports.',
      from: { pathNot: folders(['ui']) },
      to: { path: folders(['ui']) },
    },
    {
      name: 'pure-no-vscode',
      severity: 'error',
      comment: 'images/, text/, export/ and workers/ run in plain Node (worker threads, unit tests), where the vscode module does not exist.',
      from: { path: folders(['images', 'text', 'export', 'workers']) },
      to: { path: VSCODE },
    },
    {
      name: 'providers-pure-halves-no-vscode',
      severity: 'error',
      comment: 'A provider\'s request builder and answer parser (*Request.ts, *Parser.ts) are pure functions tested in plain Node, without the vscode module.',
      from: { path: '^src/providers/.*(Request|Parser)\\.ts$' },
      to: { path: VSCODE },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle (type-only imports included) ties its modules into one unit that cannot be understood, tested or bundled apart; break it by moving what both need one layer down.',
      from: { path: '^src/' },
      to: { circular: true },
    },

    // From dependency-cruiser's recommended set.
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve to a file is a typo or a missing package.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'A package the code imports must be declared in package.json, or its version is whatever happens to be installed.',
      // Except the OCR worker's engine parts: tesseract.js's own worker script loads exactly these
      // (tesseract.js-core, wasm-feature-detect) at the versions tesseract.js pins, which a
      // declaration of our own could only contradict.
      from: { pathNot: '^src/providers/local/ocrWorker\\.ts$' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'Code in src/ ships in the bundle: a package it needs at run time belongs in dependencies, not devDependencies (type declarations excepted).',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: ['node_modules/@types/'] },
    },
    {
      name: 'no-duplicate-dep-types',
      severity: 'error',
      comment: 'A package listed both in dependencies and devDependencies drifts apart: list it once.',
      from: {},
      to: { moreThanOneDependencyType: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-deprecated-core',
      severity: 'error',
      comment: 'A deprecated Node core module has a replacement; use it.',
      from: {},
      to: {
        dependencyTypes: ['core'],
        path: ['^v8/tools/', '^node-inspect/', '^async_hooks$', '^punycode$', '^domain$', '^constants$', '^sys$', '^_linklist$', '^_stream_wrap$'],
      },
    },
    {
      name: 'not-to-deprecated',
      severity: 'error',
      comment: 'A deprecated package version gets no fixes: upgrade or replace it.',
      from: {},
      to: { dependencyTypes: ['deprecated'] },
    },
    {
      name: 'not-to-test',
      severity: 'error',
      comment: 'src/ never imports the tests, the bench or their fixtures.',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    // Scope: src/ only (npm run lint passes `src`); the tests and the bench are not layered, and
    // not followed either, but an import of them from src/ still shows (not-to-test).
    doNotFollow: { path: ['node_modules', '^(test|bench)/'] },
    moduleSystems: ['cjs', 'es6'],
    // Type-only imports are edges too (for cycles and layers alike).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      archi: { collapsePattern: '^src/[^/]+|^node_modules/(?:@[^/]+/[^/]+|[^/]+)' },
      dot: { collapsePattern: '^src/[^/]+|^node_modules/(?:@[^/]+/[^/]+|[^/]+)' },
    },
  },
};
