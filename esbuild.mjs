// One build script, two bundles: the extension (Node, CommonJS, `vscode` external) and the
// results webview's front-end (browser, IIFE). Flags: --production (minified, no source maps),
// --watch (rebuild on change), --metafile (write dist/meta-*.json for size reports).
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const metafile = process.argv.includes('--metafile');

/** Prints esbuild's problems in the `file:line:col: error: …` form VS Code's problem matchers read. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        console.error(`✘ ${location ? `${location.file}:${location.line}:${location.column}: ` : ''}${text}`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * One `require('vscode')` per bundle instead of one per module that imports it: for each
 * `import * as vscode from 'vscode'` esbuild copies every property of the API object onto a fresh
 * namespace (`__toESM`), about half a millisecond per importing module in the extension host, 11 ms
 * of the main bundle's evaluation. Resolving `vscode` to one in-bundle module that re-exports it
 * makes that copy once.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  metafile,
  legalComments: 'none',
  plugins: [problemReporter],
};

/** A CommonJS bundle for Node (the extension host or a worker thread it starts). */
const nodeBundle = (entry, outfile, external = []) =>
  esbuild.context({
    ...common,
    entryPoints: [entry],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external,
    plugins: external.includes('vscode') ? [...common.plugins, vscodeOnce] : common.plugins,
  });

const contexts = await Promise.all([
  nodeBundle('src/extension.ts', 'dist/extension.js', ['vscode']),
  nodeBundle('src/webview/panelModule.ts', 'dist/panel.js', ['vscode']),
  nodeBundle('src/providers/local/localOcr.ts', 'dist/local.js'),
  // node-fetch and the cloud providers' transports: loaded on the first cloud request.
  nodeBundle('src/providers/cloud.ts', 'dist/cloud.js', ['vscode']),
  // tesseract.js's engine script and its WebAssembly glue, bundled; the glue finds its .wasm
  // beside the bundle (copyOcrAssets).
  nodeBundle('src/providers/local/ocrWorker.ts', 'dist/ocr/ocrWorker.js'),
  nodeBundle('src/images/probe.ts', 'dist/probe.js'),
  nodeBundle('src/images/worker/imageWorker.ts', 'dist/imageWorker.js'),
  esbuild.context({
    ...common,
    entryPoints: ['src/ui/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
  // The Compare Providers panel's front-end (it reuses the results panel's picture and overlay).
  esbuild.context({
    ...common,
    entryPoints: ['src/ui/compare/main.ts'],
    outfile: 'dist/compareView.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
  // The Smarty commands' handlers: loaded the first time one of them runs (SMARTY_COMMAND_IDS).
  nodeBundle('src/commands/smartyBundle.ts', 'dist/smarty.js', ['vscode']),
  // The results cache, the many-images commands and Compare Providers…: loaded on the first analysis or the first of BATCH_COMMAND_IDS.
  nodeBundle('src/commands/batchBundle.ts', 'dist/batch.js', ['vscode']),
  // The exporters and pdf-lib: loaded the first time the user exports (src/export/exportBundle.ts).
  nodeBundle('src/export/exportBundle.ts', 'dist/export.js'),
]);

/**
 * wasm-vips ships as files of its own next to the worker (LGPL-3.0: a separate, replaceable
 * library; and its threads re-load their own script, so it cannot be bundled).
 */
function copyVendor() {
  const from = 'node_modules/wasm-vips';
  const to = 'dist/vendor/wasm-vips';
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['lib/vips-node.js', 'lib/vips.wasm', 'LICENSE', 'THIRD-PARTY-NOTICES.md']) {
    const target = `${to}/${file.split('/').pop()}`;
    const source = `${from}/${file}`;
    if (!fs.existsSync(target) || fs.statSync(target).mtimeMs < fs.statSync(source).mtimeMs) fs.copyFileSync(source, target);
  }
}
copyVendor();

/**
 * The OCR engine's WebAssembly (tesseract.js-core, Apache-2.0: the LSTM-only builds, with and
 * without SIMD) and English recognition data (@tesseract.js-data/eng, tessdata_best int8), so
 * that English works offline from the installed extension.
 */
function copyOcrAssets() {
  const to = 'dist/ocr';
  fs.mkdirSync(to, { recursive: true });
  const files = {
    'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm': 'tesseract-core-simd-lstm.wasm',
    'node_modules/tesseract.js-core/tesseract-core-lstm.wasm': 'tesseract-core-lstm.wasm',
    'node_modules/tesseract.js-core/LICENSE': 'LICENSE.tesseract.js-core',
    'node_modules/tesseract.js/LICENSE.md': 'LICENSE.tesseract.js',
    'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz': 'eng.traineddata.gz',
  };
  for (const [source, name] of Object.entries(files)) {
    const target = `${to}/${name}`;
    if (!fs.existsSync(source)) continue;
    if (!fs.existsSync(target) || fs.statSync(target).mtimeMs < fs.statSync(source).mtimeMs) fs.copyFileSync(source, target);
  }
}
copyOcrAssets();

if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.errors.length > 0)) process.exit(1);
  if (metafile) {
    results.forEach((r, i) => fs.writeFileSync(`dist/meta-${['extension', 'panel', 'local', 'cloud', 'ocrWorker', 'probe', 'imageWorker', 'webview', 'compareView', 'smarty', 'batch', 'export'][i]}.json`, JSON.stringify(r.metafile)));
  }
}
