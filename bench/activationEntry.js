// Runs inside the extension host (as extensionTestsPath) for `npm run bench`: measures how long
// activating Image Insight takes — loading its bundle plus activate() — and, as the reference in
// the same host, a built-in extension's activation. Writes the figures to $BENCH_OUT as JSON.
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

async function timeActivation(id) {
  const extension = vscode.extensions.getExtension(id);
  if (!extension) return undefined;
  if (extension.isActive) return { id, ms: NaN, note: 'already active' };
  const started = performance.now();
  await extension.activate();
  return { id, ms: performance.now() - started };
}

/** Our own code alone: activate()'s body as it logs it, and the bundle's module evaluation. */
function ownCode() {
  const find = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? find(path.join(dir, e.name)) : e.name === 'Image Insight.log' ? [path.join(dir, e.name)] : [],
    );
  const log = find(process.env.IMAGE_INSIGHT_TEST_USER_DATA).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const body = Number(log.match(/activated in ([\d.]+) ms/)?.[1]);
  const bundle = require.resolve(path.join(vscode.extensions.getExtension('image-insight.image-insight').extensionPath, 'dist/extension.js'));
  // Evaluation only (nothing is activated twice), nine times: one evaluation is a few
  // milliseconds, and a single one is at the mercy of whatever else the host is doing.
  const times = [];
  for (let i = 0; i < 9; i++) {
    delete require.cache[bundle];
    const started = performance.now();
    require(bundle);
    times.push(performance.now() - started);
  }
  return { activateBody: body, moduleEval: times.sort((a, b) => a - b)[4] };
}

/** A built-in extension of similar shape (commands, a view, settings; no language server). */
async function timeReference() {
  let reference;
  for (const id of ['vscode.emmet', 'vscode.merge-conflict', 'vscode.references-view']) {
    reference = await timeActivation(id);
    if (reference && Number.isFinite(reference.ms)) break;
  }
  return reference;
}

exports.run = async () => {
  // A user runs a command some time after the window opened, not while the workbench is still
  // starting on every core: let the host settle before either extension activates.
  await new Promise((r) => setTimeout(r, 3000));
  // The first activation in a fresh host pays for warming the host up; alternate who goes first.
  const referenceFirst = process.env.BENCH_REFERENCE_FIRST === '1';
  const early = referenceFirst ? await timeReference() : undefined;
  const ours = await timeActivation('image-insight.image-insight');
  const reference = early ?? (await timeReference());
  await new Promise((r) => setTimeout(r, 500)); // let the log line reach its file
  Object.assign(ours, ownCode());
  fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify({ ours, reference, vscode: vscode.version, node: process.version }));
};
