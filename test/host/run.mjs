#!/usr/bin/env node
// Runs an extension's test entry inside a real VS Code extension host, headless and offline.
//
//   node test/host/run.mjs <extensionDevelopmentPath> <extensionTestsPath> [workspaceFolder]
//
// Exit code: 0 tests passed, 1 tests failed (or the test entry threw / was missing),
//            2 harness error or timeout.
//
// Needs what test/host/install.sh put in $VSCODE_TEST_HOME, and Chromium. Runs on Node >= 18
// (code-server itself runs on the Node 24 from $VSCODE_TEST_HOME).
//
// How: code-server (VS Code server + web workbench) starts on 127.0.0.1 with throw-away user data.
// Headless Chromium, driven by playwright-core, opens the workbench with VS Code's test "payload"
// (extensionDevelopmentPath + extensionTestsPath as vscode-remote:// URIs). The remote Node extension
// host loads the extension, awaits the test entry's run(), and when it ends the workbench calls
// window.codeAutomationExit(code), which this script exposes and turns into its exit code.
// The server honours the payload only with `--vscode-option enable-smoke-test-driver`.
//
// UI bridge: tests running in the extension host can drive the real workbench page (Playwright)
// through an HTTP server on 127.0.0.1 whose URL is in the extension host's IMAGE_INSIGHT_UI_BRIDGE:
//   POST <url> {"op": "<op>", ...args}  ->  200 {"ok":true,"value":...} | 200 {"ok":false,"error":"..."}
// `frame` (optional): search webview content instead of the workbench: true = any webview, a string =
// webviews whose frame URL contains it (e.g. the extension id). Selectors are Playwright selectors;
// actions use the first match. timeoutMs defaults to 10000.
//   text       {selector, frame?}               -> string[]  trimmed textContent of every match
//   html       {selector, frame?}               -> string[]  outerHTML of every match
//   attr       {selector, name, frame?}         -> (string|null)[]
//   count      {selector, frame?}               -> number
//   box        {selector, frame?}               -> ({x,y,width,height}|null)[]  page coordinates
//   waitFor    {selector, state?, timeoutMs?, frame?} -> true  (state: visible|attached|hidden|detached)
//   click      {selector, button?, modifiers?, clickCount?, position?, timeoutMs?, frame?} -> true
//   hover      {selector, position?, timeoutMs?, frame?} -> true
//   press      {key}            -> true   keyboard.press: 'Escape', 'Control+Shift+P', ...
//   type       {text}           -> true   keyboard.type into whatever has focus
//   mouse      {action: move|down|up, x, y, button?, steps?} -> true
//   screenshot {path, selector?, frame?} -> absolute path of the PNG (page, or one element)
//   clipboard  {text?}          -> the browser clipboard's text (writes text first when given)
//   clipboardImage {path}       -> puts a PNG file on the browser clipboard as image/png
//   webStorageDump {}           -> [{db, store, key, value}] every IndexedDB record of the workbench
//                                  origin, plus localStorage/sessionStorage (db: 'localStorage', ...)
//   frames     {}               -> [{name, url, parentUrl}] every frame of the page (for debugging)
// IMAGE_INSIGHT_TEST_USER_DATA is code-server's --user-data-dir (logs/ is under it).
//
// Env: VSCODE_TEST_HOME     host install dir (default ~/.cache/vscode-test-host)
//      CHROMIUM             browser binary (default /usr/bin/chromium)
//      VSCODE_TEST_TIMEOUT  seconds for the whole run (default 600), then exit 2
//      VSCODE_TEST_SCREENSHOT  PNG path: screenshot of the workbench when the tests end (or time out)
//      VSCODE_TEST_VERBOSE=1   also print code-server's output and the workbench's own console/log
//      VSCODE_TEST_KEEP=1      keep the temp dir (user-data/logs/*/exthost1/remoteexthost.log is the
//                              extension host log; browser-logs/ has the workbench's logs)
//      Every other variable is passed on to code-server and so reaches the extension host.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { createUiBridge } from './uiBridge.mjs';

const HOME = process.env.VSCODE_TEST_HOME || path.join(os.homedir(), '.cache', 'vscode-test-host');
const NODE = path.join(HOME, 'node_modules', `node-linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}`, 'bin', 'node');
const CODE_SERVER = path.join(HOME, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_S = Number(process.env.VSCODE_TEST_TIMEOUT || 600);
const VERBOSE = process.env.VSCODE_TEST_VERBOSE === '1';
const KEEP = process.env.VSCODE_TEST_KEEP === '1';
const SCREENSHOT = process.env.VSCODE_TEST_SCREENSHOT ? path.resolve(process.env.VSCODE_TEST_SCREENSHOT) : '';

const t0 = Date.now();
const log = (m) => console.log(`[run ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
/** Resolves with p's value, or with `fallback` after ms (never rejects). */
const bounded = (p, ms, fallback) => {
  let t;
  return Promise.race([
    Promise.resolve(p).catch(() => fallback),
    new Promise((r) => { t = setTimeout(() => r(fallback), ms); }),
  ]).finally(() => clearTimeout(t));
};

const [extArg, testsArg, wsArg] = process.argv.slice(2);
if (!extArg || !testsArg) {
  console.error('usage: node test/host/run.mjs <extensionDevelopmentPath> <extensionTestsPath> [workspaceFolder]');
  process.exit(2);
}
for (const p of [NODE, CODE_SERVER, CHROMIUM]) {
  if (!fs.existsSync(p)) {
    console.error(`run.mjs: missing ${p}: run \`bash test/host/install.sh\` first`);
    process.exit(2);
  }
}
if (!(TIMEOUT_S > 0)) { console.error(`run.mjs: bad VSCODE_TEST_TIMEOUT=${process.env.VSCODE_TEST_TIMEOUT}`); process.exit(2); }
const { chromium } = createRequire(path.join(HOME, 'package.json'))('playwright-core');

const extPath = path.resolve(extArg);
const testsPath = path.resolve(testsArg);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-test-'));
const userData = path.join(tmp, 'user-data');
const wsPath = wsArg ? path.resolve(wsArg) : path.join(tmp, 'workspace');
fs.mkdirSync(wsPath, { recursive: true });

// ---------------------------------------------------------------------------------------------
// Teardown: one idempotent path for every way the run can end.
// ---------------------------------------------------------------------------------------------
const st = { server: null, serverExited: null, browser: null, context: null, page: null, bridge: null, finishing: false };
let consoleChain = Promise.resolve(); // test output, printed in order (see the console handler)
let serverLog = '';

function killServerGroup(sig) {
  if (st.server?.pid) { try { process.kill(-st.server.pid, sig); } catch {} }
}
// Last resort on any exit path (also process.exit from elsewhere): nothing of ours survives.
process.on('exit', () => killServerGroup('SIGKILL'));

function tailOf(file, lines) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return null; }
}
function findFiles(dir, name, out = []) {
  let entries;
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return out; }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, name, out); else if (e.name === name) out.push(p);
  }
  return out;
}

async function finish(code, why, { diagnostics = false } = {}) {
  if (st.finishing) return;
  st.finishing = true;
  clearTimeout(hardTimer);
  // Whatever happens below, the process ends within 30 s.
  setTimeout(() => { console.error('[run] teardown hung: killing'); killServerGroup('SIGKILL'); process.exit(code); }, 30_000).unref();

  await bounded(consoleChain, 10_000); // flush the test output still being formatted
  if (why) log(why);
  if (SCREENSHOT && st.page && !st.page.isClosed()) {
    const ok = await bounded(st.page.screenshot({ path: SCREENSHOT }).then(() => true), 10_000, false);
    log(ok ? `screenshot: ${SCREENSHOT}` : 'screenshot failed');
  }
  if (diagnostics) {
    process.stdout.write(`--- code-server output ---\n${serverLog.slice(-20_000)}\n`);
    for (const f of findFiles(path.join(userData, 'logs'), 'remoteexthost.log')) {
      process.stdout.write(`--- ${path.relative(tmp, f)} (tail) ---\n${tailOf(f, 60)}\n`);
    }
  }
  if (st.bridge) await bounded(new Promise((r) => { st.bridge.close(r); st.bridge.closeAllConnections?.(); }), 2_000);
  if (st.browser) await bounded(st.browser.close(), 10_000);
  if (st.server && st.server.exitCode === null && st.server.signalCode === null) {
    killServerGroup('SIGTERM');
    await bounded(st.serverExited, 5_000);
  }
  killServerGroup('SIGKILL'); // stragglers in the group (extension host, pty host, watchers)
  if (KEEP) log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  log(`exit ${code}`);
  process.exit(code);
}

const hardTimer = setTimeout(() => {
  finish(2, `timeout: the tests did not end within ${TIMEOUT_S}s (VSCODE_TEST_TIMEOUT)`, { diagnostics: true });
}, TIMEOUT_S * 1000);
process.on('SIGINT', () => finish(130, 'interrupted (SIGINT)'));
process.on('SIGTERM', () => finish(143, 'terminated (SIGTERM)'));
process.on('SIGHUP', () => finish(129, 'hangup (SIGHUP)'));
process.on('unhandledRejection', (e) => finish(2, `harness error: ${e?.stack || e}`, { diagnostics: true }));
process.on('uncaughtException', (e) => finish(2, `harness error: ${e?.stack || e}`, { diagnostics: true }));

const handleBridge = createUiBridge({ state: st, log, verbose: VERBOSE });

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
async function main() {
  // The bridge first: its URL goes into code-server's environment.
  st.bridge = http.createServer((req, res) => { handleBridge(req, res); });
  st.bridge.on('clientError', (_e, sock) => sock.destroy());
  await new Promise((res, rej) => { st.bridge.once('error', rej); st.bridge.listen(0, '127.0.0.1', res); });
  const bridgeUrl = `http://127.0.0.1:${st.bridge.address().port}`;

  // Quiet, offline-friendly user settings (tests can still change settings through the API).
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden', // the (empty, AI-off) chat side bar
    'git.enabled': false,
    'security.workspace.trust.enabled': false,
    // The suites count the requests each analysis makes: a second analysis of an image must reach
    // the provider. The batch suite turns the results cache on for its own tests.
    'imageInsight.cache.enabled': false,
  }, null, 1));
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');

  // code-server in its own process group (so teardown ends it and its extension host together).
  // Port 0: the OS picks a free port and code-server prints it, so there is no port race.
  // XDG_* keep it from writing ~/.config/code-server and ~/.local/share/code-server.
  const server = spawn(NODE, [CODE_SERVER,
    '--config', path.join(tmp, 'config.yaml'), '--auth', 'none', '--bind-addr', '127.0.0.1:0',
    '--user-data-dir', userData, '--extensions-dir', path.join(tmp, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened', '--disable-proxy',
    '--vscode-option', 'enable-smoke-test-driver',
    '--vscode-option', 'skip-welcome', '--vscode-option', 'skip-release-notes',
  ], {
    env: {
      ...process.env,
      // Set in a VS Code / code-server terminal: code-server would hand over to that instance and exit.
      VSCODE_IPC_HOOK_CLI: undefined,
      XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
      XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
      IMAGE_INSIGHT_UI_BRIDGE: bridgeUrl,
      IMAGE_INSIGHT_TEST_USER_DATA: userData,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  st.server = server;
  st.serverExited = new Promise((r) => server.once('exit', r));
  server.once('error', (e) => finish(2, `could not start code-server: ${e.message}`));
  server.once('exit', (c, sig) => finish(2, `code-server exited early (${sig || c})`, { diagnostics: true }));

  const listening = new Promise((resolve) => {
    let buf = '';
    const onData = (d) => {
      const s = d.toString();
      serverLog += s;
      if (serverLog.length > 200_000) serverLog = serverLog.slice(-100_000);
      if (VERBOSE) process.stdout.write(s.replace(/^(?=.)/gm, '[code-server] '));
      buf += s;
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) { buf = ''; resolve(m[1]); } else if (buf.length > 10_000) buf = buf.slice(-1000);
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
  });
  const base = await listening;
  const res = await fetch(`${base}/healthz`).catch((e) => ({ ok: false, statusText: e.message }));
  if (!res.ok) return finish(2, `code-server does not answer on ${base}/healthz: ${res.status ?? ''} ${res.statusText}`, { diagnostics: true });
  log(`code-server up on ${base}; UI bridge on ${bridgeUrl}`);

  // Headless Chromium: no network beyond the loopback, no sandbox (root), no GPU. Fixed viewport,
  // locale, time zone and reduced motion, so the UI renders the same every run.
  st.browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    // Chromium keeps its crash-report database under $XDG_CONFIG_HOME/chromium: keep that out of ~ too.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') },
  });
  st.browser.on('disconnected', () => finish(2, 'the browser went away'));
  st.context = await st.browser.newContext({
    viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  await st.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = (st.page = await st.context.newPage());
  page.on('crash', () => finish(2, 'the workbench page crashed', { diagnostics: true }));

  // The workbench calls these in test mode (see the header).
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    if (VERBOSE) console.log(`[workbench ${type}]`, ...(Array.isArray(args) ? args : [args]));
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    if (KEEP && Array.isArray(logs)) {
      for (const { relativePath, contents } of logs) {
        const f = path.join(tmp, 'browser-logs', relativePath);
        if (!f.startsWith(path.join(tmp, 'browser-logs') + path.sep)) continue;
        try { fs.mkdirSync(path.dirname(f), { recursive: true }); fs.writeFileSync(f, contents); } catch {}
      }
    }
    finish(code === 0 ? 0 : 1, `extension host exited with ${code}`);
  });
  // Test output: with a debugId in the payload, the workbench forwards every extension-host console
  // call to the page console as "%c[Extension Host] %c<format>", ...args. Re-format them in order
  // (util.format ignores the %c styles) and print them.
  page.on('console', (msg) => {
    const isExt = msg.text().startsWith('%c[Extension Host]');
    if (!isExt && !VERBOSE) return;
    const args = msg.args();
    consoleChain = consoleChain.then(async () => {
      const vals = await Promise.all(args.map((h) => h.jsonValue().catch(() => '[unserializable]')));
      const line = typeof vals[0] === 'string' ? util.format(...vals) : vals.map(String).join(' ');
      console.log(isExt ? line.replace(/^\[Extension Host\]%? ?/, '') : `[browser ${msg.type()}] ${line}`);
    }).catch((e) => console.log(`[run] could not print a console message: ${e?.message || e}`));
  });
  page.on('pageerror', (e) => { if (VERBOSE) log(`page error: ${e.message}`); });

  const authority = new URL(base).host;
  const remote = (p) => `vscode-remote://${authority}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extPath)],
    ['extensionTestsPath', remote(testsPath)],
    ['debugId', 'vscode-test'],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ]);
  const url = `${base}/?folder=${encodeURIComponent(wsPath)}&payload=${encodeURIComponent(payload)}`;
  log(`opening workbench: ext=${extPath} tests=${testsPath} workspace=${wsPath}`);
  try {
    await page.goto(url, { timeout: 120_000 });
  } catch (e) {
    if (!st.finishing) return finish(2, `could not open the workbench: ${e.message}`, { diagnostics: true });
  }
  if (!st.finishing) log('workbench loaded; waiting for the tests');
}

main().catch((e) => finish(2, `harness error: ${e?.stack || e}`, { diagnostics: true }));
