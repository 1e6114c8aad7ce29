#!/usr/bin/env node
// `npm test`: lint, build, unit tests (mocha in Node), integration tests (mocha inside a real
// VS Code: code-server + headless Chromium, test/host/run.mjs). Prints every runner's output,
// then one line "N passed, N failed" summed over both layers, and exits non-zero on any failure.
//   --integration-only   skip lint and unit tests
//   --unit-only          skip the integration layer
//   --prepare-workspace  only lay out the integration tests' workspace (.vscode-test/workspace)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const npx = (bin) => path.join(root, 'node_modules', '.bin', bin);

/** Runs a command with inherited stdio tee'd, returns { code, output }. */
function run(cmd, cmdArgs, extraEnv = {}) {
  return new Promise((resolve) => {
    // Without CI: with CI=true, mocha (and the extension host's console) colour their output
    // whatever their options say, and logs want plain text. A variable given as undefined is removed.
    const env = Object.fromEntries(Object.entries({ ...process.env, CI: undefined, ...extraEnv }).filter(([, v]) => v !== undefined));
    const child = spawn(cmd, cmdArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function step(title) {
  console.log(`\n=== ${title}`);
}

/** A workspace with sample images and the bad inputs the integration tests use. */
function prepareWorkspace() {
  const ws = path.join(root, '.vscode-test', 'workspace');
  fs.rmSync(ws, { recursive: true, force: true });
  fs.mkdirSync(path.join(ws, 'images'), { recursive: true });
  for (const file of fs.readdirSync(path.join(root, 'samples'))) {
    fs.copyFileSync(path.join(root, 'samples', file), path.join(ws, 'images', file));
  }
  // Pages as they come (issue 15): skewed and upside down (test/fixtures/ocr/makeTurned.sh).
  fs.mkdirSync(path.join(ws, 'pages'));
  for (const file of ['imageTextN-skewed-12.png', 'imageTextN-turned-180.png']) fs.copyFileSync(path.join(root, 'test', 'fixtures', 'ocr', file), path.join(ws, 'pages', file));
  fs.writeFileSync(path.join(ws, 'empty.png'), '');
  fs.writeFileSync(path.join(ws, 'notes.txt'), 'not an image\n');
  fs.writeFileSync(path.join(ws, 'page.jpg'), '<!DOCTYPE html><html><body>Not found</body></html>\n');
  fs.writeFileSync(path.join(ws, 'bomb.png'), pngHeader(60000, 60000));
  fs.copyFileSync(path.join(root, 'samples', 'fruits.jpg'), path.join(ws, 'фото с пробелами 😀.jpg'));
  // 60 MB (MiB, as the limit counts) without writing them: a sparse file whose size alone must get it refused.
  fs.closeSync(fs.openSync(path.join(ws, 'huge.jpg'), 'w'));
  fs.truncateSync(path.join(ws, 'huge.jpg'), 60 * 1024 * 1024 + 1);
  fs.symlinkSync('loop.png', path.join(ws, 'loop.png'));
  // Files cut short or otherwise damaged (test/fixtures/images/make.sh), and a whole JPEG with a video after it.
  const fixtures = path.join(root, 'test', 'fixtures', 'images');
  fs.mkdirSync(path.join(ws, 'damaged'));
  for (const file of fs.readdirSync(fixtures).filter((f) => f.startsWith('cut-short.') || f === 'truncated.jpg' || f === 'bad-crc.png')) {
    fs.copyFileSync(path.join(fixtures, file), path.join(ws, 'damaged', file));
  }
  fs.copyFileSync(path.join(fixtures, 'motion-photo.jpg'), path.join(ws, 'motion-photo.jpg'));
  // A photo with GPS, camera serial, XMP, IPTC, a comment and an EXIF thumbnail: it must leave without them.
  fs.copyFileSync(path.join(fixtures, 'private.jpg'), path.join(ws, 'private.jpg'));
  return ws;
}

if (args.has('--prepare-workspace')) {
  console.log(prepareWorkspace());
  process.exit(0);
}

/** The first bytes of a PNG that declares width × height pixels: a decompression-bomb header. */
function pngHeader(width, height) {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'ascii');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr[16] = 8; // bit depth; colour type 0, CRC left zero: the probe must refuse it before any check of the data
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

if (!args.has('--integration-only')) {
  step('lint');
  const lint = await run('npm', ['run', '--silent', 'lint']);
  if (lint.code !== 0) problems.push('lint');
}

step('build');
const build = await run('node', ['esbuild.mjs']);
const compile = await run(npx('tsc'), ['-p', 'test/tsconfig.json']);
if (build.code !== 0 || compile.code !== 0) {
  console.log('\nthe build failed: no tests ran');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

if (!args.has('--integration-only')) {
  step('unit tests (mocha in Node)');
  const unit = await run(npx('mocha'), []);
  const count = (re) => Number(unit.output.match(re)?.[1] ?? 0);
  passed += count(/(\d+) passing/);
  failed += count(/(\d+) failing/);
  skipped += count(/(\d+) pending/);
  if (unit.code !== 0 && count(/(\d+) failing/) === 0) problems.push('unit runner');
}

/**
 * Packages the .vsix (as vsce does for the Marketplace: a production build, only what
 * .vscodeignore lets through) and installs it with the test host's own installer into a
 * throw-away extensions folder. An integration test then runs the installed copy's OCR engine,
 * proving every asset it needs made it into the package. Returns the installed folder.
 */
async function installPackage() {
  const dir = path.join(root, '.vscode-test', 'package');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const vsix = path.join(dir, 'image-insight.vsix');
  const packed = await run(npx('vsce'), ['package', '--no-dependencies', '--out', vsix]);
  // vsce's prepublish made a production build; the tests below want the development one back.
  const rebuilt = await run('node', ['esbuild.mjs']);
  if (packed.code !== 0 || rebuilt.code !== 0) return undefined;
  const home = process.env.VSCODE_TEST_HOME || path.join(os.homedir(), '.cache', 'vscode-test-host');
  const node = path.join(home, 'node_modules', `node-linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}`, 'bin', 'node');
  const server = path.join(home, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const extensions = path.join(dir, 'extensions');
  const installed = await run(node, [server, '--extensions-dir', extensions, '--install-extension', vsix, '--force'], {
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    VSCODE_IPC_HOOK_CLI: undefined,
  });
  const folder = fs.existsSync(extensions) ? fs.readdirSync(extensions).find((f) => f.startsWith('image-insight.image-insight-')) : undefined;
  return installed.code === 0 && folder ? path.join(extensions, folder) : undefined;
}

if (!args.has('--unit-only')) {
  step('package the .vsix and install it in the test host');
  const installedPackage = await installPackage();
  if (!installedPackage) problems.push('packaging or installing the .vsix');
  step('integration tests (mocha inside VS Code: code-server + headless Chromium)');
  const ws = prepareWorkspace();
  const screenshots = path.join(root, '.vscode-test', 'screenshots');
  fs.mkdirSync(screenshots, { recursive: true });
  const integration = await run('node', ['test/host/run.mjs', root, path.join(root, 'out/test/integration/index.js'), ws], {
    IMAGE_INSIGHT_SCREENSHOTS: screenshots,
    IMAGE_INSIGHT_INSTALLED: installedPackage,
  });
  const summary = [...integration.output.matchAll(/^(?:\S+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/gm)].pop();
  if (summary) {
    passed += Number(summary[1]);
    failed += Number(summary[2]);
    skipped += Number(summary[3] ?? 0);
  }
  if (integration.code !== 0 && (!summary || Number(summary[2]) === 0)) problems.push(`integration host (exit ${integration.code})`);
}

// Lint or a harness failure counts as one failure each, so the line never reads "0 failed" on red.
failed += problems.length;
console.log('');
if (problems.length > 0) console.log(`failed outside the test counts: ${problems.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
