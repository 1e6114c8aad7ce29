#!/usr/bin/env node
// `npm start`: build the extension and open the sample images in a VS Code that has it installed.
//
//   1. node_modules missing -> `npm ci` (`npm install` when there is no package-lock.json)
//   2. `npm run package` -> image-insight-<version>.vsix at the repo root
//   3a. a `code` CLI on PATH: install the .vsix into an isolated profile under .vscode-test/start/ and
//       open samples/ in a new window;
//   3b. otherwise: install the headless test host (test/host/install.sh), start code-server on
//       127.0.0.1 with the .vsix installed and samples/ opened, print the URL, and run until Ctrl-C.
//
// Only Node built-ins: this runs on a fresh clone, before node_modules exists.
//
// Env: IMAGE_INSIGHT_VSIX=<path>  use this .vsix, skip `npm run package`
//      IMAGE_INSIGHT_NO_CODE=1    use code-server even when `code` is on PATH
//      PORT=<n>                   code-server's port (default: the first free one from 8080)
//      VSCODE_TEST_HOME           where install.sh keeps code-server and Node 24
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const START_DIR = path.join(ROOT, '.vscode-test', 'start');
const USER_DATA = path.join(START_DIR, 'user-data');
const EXTENSIONS = path.join(START_DIR, 'extensions');
const SAMPLES = path.join(ROOT, 'samples');
const WIN = process.platform === 'win32';

const say = (m) => console.log(`[start] ${m}`);
function die(m) {
  console.error(`[start] error: ${m}`);
  process.exit(1);
}

/** Runs a command to completion with inherited output; stops the script when it fails. */
function run(cmd, args, opts = {}) {
  say(`$ ${[cmd, ...args].join(' ')}`);
  // Windows: npm and code are .cmd files, which only run through a shell (quote the arguments).
  const r = WIN
    ? spawnSync([cmd, ...args].map((a) => (/[\s"]/.test(a) ? `"${a.replace(/"/g, '\\"')}"` : a)).join(' '), { stdio: 'inherit', cwd: ROOT, shell: true, ...opts })
    : spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.error) die(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) die(`${cmd} ${args[0] ?? ''} failed (${r.signal || `exit ${r.status}`})`);
}

/** Full path of an executable on PATH, or null. */
function onPath(name) {
  const exts = WIN ? (process.env.PATHEXT || '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const ext of exts) {
      const p = path.join(dir, name + ext);
      try { fs.accessSync(p, fs.constants.X_OK); if (fs.statSync(p).isFile()) return p; } catch {}
    }
  }
  return null;
}

/** True when 127.0.0.1:port can be bound right now. */
const portFree = (port) => new Promise((resolve) => {
  const s = net.createServer();
  s.once('error', () => resolve(false));
  s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
});

// ---------------------------------------------------------------------------------------------
// 1 + 2: dependencies and the .vsix
// ---------------------------------------------------------------------------------------------
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
let vsix = process.env.IMAGE_INSIGHT_VSIX ? path.resolve(process.env.IMAGE_INSIGHT_VSIX) : '';
if (vsix) {
  say(`using IMAGE_INSIGHT_VSIX=${vsix} (not packaging)`);
} else {
  const npm = WIN ? 'npm.cmd' : 'npm';
  if (!fs.existsSync(path.join(ROOT, 'node_modules'))) {
    run(npm, fs.existsSync(path.join(ROOT, 'package-lock.json')) ? ['ci'] : ['install']);
  }
  run(npm, ['run', 'package']);
  vsix = path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
}
if (!fs.existsSync(vsix)) die(`${vsix} not found`);

let folder = SAMPLES;
if (!fs.existsSync(SAMPLES)) {
  say(`warning: ${SAMPLES} does not exist; opening the repository instead`);
  folder = ROOT;
}
fs.mkdirSync(USER_DATA, { recursive: true });
fs.mkdirSync(EXTENSIONS, { recursive: true });
const profile = ['--user-data-dir', USER_DATA, '--extensions-dir', EXTENSIONS];

// ---------------------------------------------------------------------------------------------
// 3a: desktop VS Code
// ---------------------------------------------------------------------------------------------
const code = process.env.IMAGE_INSIGHT_NO_CODE ? null : onPath('code');
if (code) {
  run(code, [...profile, '--install-extension', vsix, '--force']);
  run(code, [...profile, '--new-window', folder]);
  say(`opened ${folder} in VS Code (profile: ${START_DIR})`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// 3b: code-server in the browser
// ---------------------------------------------------------------------------------------------
run('bash', [path.join(ROOT, 'test', 'host', 'install.sh')]);
const HOST = process.env.VSCODE_TEST_HOME || path.join(os.homedir(), '.cache', 'vscode-test-host');
const NODE = path.join(HOST, 'node_modules', `node-linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}`, 'bin', 'node');
const CODE_SERVER = path.join(HOST, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
for (const p of [NODE, CODE_SERVER]) if (!fs.existsSync(p)) die(`missing ${p} (test/host/install.sh did not install it)`);

let port;
if (process.env.PORT) {
  port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) die(`bad PORT=${process.env.PORT}`);
  if (!(await portFree(port))) die(`port ${port} (PORT) is in use`);
} else {
  for (port = 8080; port < 8180 && !(await portFree(port)); port++);
  if (port === 8180) die('no free port in 8080-8179; set PORT');
}

const config = path.join(START_DIR, 'config.yaml');
fs.writeFileSync(config, 'auth: none\n');
const settings = path.join(USER_DATA, 'User', 'settings.json');
if (!fs.existsSync(settings)) {
  fs.mkdirSync(path.dirname(settings), { recursive: true });
  fs.writeFileSync(settings, `${JSON.stringify({
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'chat.disableAIFeatures': true,
    'workbench.startupEditor': 'none',
  }, null, 2)}\n`);
}
const env = {
  ...process.env,
  VSCODE_IPC_HOOK_CLI: undefined, // else code-server hands over to the VS Code this terminal belongs to
  XDG_CONFIG_HOME: path.join(START_DIR, 'xdg-config'),
  XDG_DATA_HOME: path.join(START_DIR, 'xdg-data'),
};
const common = ['--config', config, ...profile, '--disable-telemetry', '--disable-update-check'];

run(NODE, [CODE_SERVER, ...common, '--install-extension', vsix, '--force'], { env });

const server = spawn(NODE, [CODE_SERVER, ...common,
  '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust', folder,
], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });

const url = `http://127.0.0.1:${port}/?folder=${folder.split(path.sep).map(encodeURIComponent).join('/')}`;
let announced = false;
const onOutput = (stream) => (d) => {
  stream.write(d);
  if (!announced && /HTTP server listening on/.test(d.toString())) {
    announced = true;
    console.log(`\n[start] Image Insight is installed. Open ${url}\n[start] (Ctrl-C stops code-server)\n`);
  }
};
server.stdout.on('data', onOutput(process.stdout));
server.stderr.on('data', onOutput(process.stderr));

let stopping = false;
function stop(sig) {
  if (stopping) return;
  stopping = true;
  say(`stopping code-server (${sig})`);
  try { process.kill(-server.pid, 'SIGTERM'); } catch {}
  setTimeout(() => { try { process.kill(-server.pid, 'SIGKILL'); } catch {} process.exit(1); }, 5000).unref();
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));
process.on('exit', () => { try { process.kill(-server.pid, 'SIGKILL'); } catch {} });
server.on('error', (e) => die(`code-server: ${e.message}`));
server.on('exit', (c, sig) => {
  if (!stopping) say(`code-server exited (${sig || c})`);
  process.exit(stopping ? 0 : (c ?? 1));
});
