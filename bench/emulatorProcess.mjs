// The cloud emulators in a process of their own, for benches that time the client against a
// fixed latency: in the bench's own process the emulators' work (reading megabytes of base64,
// inspecting the images, writing the answers) would take turns with the client's on one event
// loop and count as our time. Started with `startEmulatorProcess(root, options)`; the child
// answers `counts` and `reset` over IPC.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

/** Starts the child; resolves with the emulators' URLs and keys, `counts()`, `reset()` and `close()`. */
export function startEmulatorProcess(root, options) {
  const child = fork(self, [root, JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = [];
  child.on('message', (m) => pending.shift()?.(m));
  const ask = (message) => new Promise((resolve) => (pending.push(resolve), child.send(message)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    pending.push((ready) =>
      resolve({
        ...ready,
        counts: () => ask({ kind: 'counts' }),
        reset: () => ask({ kind: 'reset' }),
        close: () => new Promise((done) => (child.once('exit', done), child.kill())),
      }),
    );
  });
}

// The child: `node emulatorProcess.mjs <root> <options JSON>`.
if (process.argv[1] === self && process.send) {
  const [root, json] = process.argv.slice(2);
  const options = JSON.parse(json);
  const require = createRequire(path.join(root, 'package.json'));
  const { startGoogleEmulator } = require(path.join(root, 'out/test/emulators/google.js'));
  const { startYandexEmulator } = require(path.join(root, 'out/test/emulators/yandex.js'));
  const google = await startGoogleEmulator(options.google ?? {});
  const yandex = await startYandexEmulator(options.yandex ?? {});
  const servers = { google: google.server, vision: yandex.vision, ocr: yandex.ocr };
  const counts = () => Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, s.requests.length]));
  process.on('message', (m) => {
    if (m.kind === 'reset') for (const s of Object.values(servers)) s.reset();
    process.send(counts());
  });
  process.send({ google: { url: google.url, apiKey: google.apiKey }, yandex: { visionUrl: yandex.vision.url, ocrUrl: yandex.ocr.url, apiKey: yandex.apiKey } });
}
