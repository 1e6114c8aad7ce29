import assert from 'node:assert/strict';
import path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');
/** The hard budget; the goal printed by `npm run bench` is 100 KB. */
const BUDGET = 300 * 1024;

describe('the main bundle (what activation evaluates)', function () {
  this.timeout(60_000);

  it('carries no node-fetch, whatwg-url or tr46 and no cloud provider, and stays within 300 KB minified', async () => {
    // The production build of src/extension.ts, as esbuild.mjs makes it for the .vsix.
    const built = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ['src/extension.ts'],
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['vscode'],
      legalComments: 'none',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(built.metafile.inputs);
    const heavy = inputs.filter((file) => /node_modules\/(node-fetch|whatwg-url|tr46|webidl-conversions)\//.test(file));
    assert.deepEqual(heavy, [], 'node-fetch and its URL tables load with the cloud bundle, on first use');
    const cloudCode = inputs.filter((file) => /^src\/providers\/(http|httpBody|httpFailure|providerError|cloud)\.ts$|^src\/providers\/yandex\/yandex(Provider|Parser|Request)\.ts$|^src\/providers\/local\/(localOcr|localParser)\.ts$/.test(file));
    assert.deepEqual(cloudCode, [], 'providers\' working halves load from their own bundles');
    const lazyImageCode = inputs.filter((file) => /^src\/images\/(stripMetadata|integrity|probe)\.ts$|^src\/images\/strip\/|^src\/providers\/(google|smarty)\/(?!descriptor|\w+Settings|smartySpaces|ledger\.ts)/.test(file));
    assert.deepEqual(lazyImageCode, [], 'the header parsers, the metadata strippers and the Google and Smarty working halves load on first use (the commands use only Smarty\'s space list and the ledger\'s lookups)');
    const smartyCommands = inputs.filter((file) => /^src\/commands\/(smartyCommands|smartyTreeCommands|enrollFolder|treeArgs|folderPlan|faceCrop|smartyBundle)\.ts$/.test(file));
    assert.deepEqual(smartyCommands, [], 'the Smarty commands\' handlers load with dist/smarty.js the first time one runs');
    const batch = inputs.filter((file) => /^src\/commands\/(analyzeFolder|cacheCommands|batchBundle)\.ts$|^src\/analysis\/(analysisCache|resultCache|cacheIndex|cacheKey)\.ts$|^src\/text\/(resultSearch|searchFold)\.ts$/.test(file));
    assert.deepEqual(batch, [], 'the results cache and the many-images commands load with dist/batch.js on first use');
    const exporters = inputs.filter((file) => /^src\/export\/|node_modules\/(pdf-lib|@pdf-lib|pako)\//.test(file));
    assert.deepEqual(exporters, [], 'the exporters and pdf-lib load with dist/export.js the first time the user exports');
    const size = built.outputFiles[0]!.contents.byteLength;
    assert.ok(size <= BUDGET, `dist/extension.js is ${(size / 1024).toFixed(1)} KB, over the ${BUDGET / 1024} KB budget`);
  });
});
