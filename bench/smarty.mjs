// Smarty fault run (issue 14): 200 persons operations (enroll 1–3 face crops, delete, truncate)
// against the emulator with 20 % of them meeting an injected fault (status-2 objects, 5xx,
// connection resets, stalls). The figure that matters: at the end the ledger and the emulator's
// state are equal — the ledger never records what the server did not confirm.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

/** A small deterministic PRNG (mulberry32), so that a run can be repeated. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function benchSmarty(root, operations = 200, faultRate = 0.2) {
  const require = createRequire(path.join(root, 'package.json'));
  const load = (p) => require(path.join(root, 'out', p));
  const fetch = require('node-fetch');
  const { startSmartyEmulator } = load('test/emulators/smarty.js');
  const { SmartyPersons } = load('src/providers/smarty/smartyPersons.js');
  const { personsIn } = load('src/providers/smarty/ledger.js');
  const { createHttpClient } = load('src/providers/http.js');
  const { ImagePreparer } = load('src/images/preparer.js');
  const { probeImage } = load('src/images/probe.js');
  const { formatOnly } = load('src/shared/localize.js');

  const emulator = await startSmartyEmulator();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smarty-bench-'));
  const preparer = new ImagePreparer(path.join(root, 'dist/imageWorker.js'), formatOnly, 60_000);
  const settings = { 'smarty.endpoint': emulator.url, 'smarty.tokenEndpoint': emulator.tokenUrl, 'request.timeoutSeconds': 1 };
  const http = createHttpClient({ fetch: fetch.default ?? fetch, t: formatOnly, redact: (s) => s, sleep: () => Promise.resolve() });
  const deps = { t: formatOnly, setting: (key) => settings[key], credentials: { get: async () => ({ clientId: emulator.clientId, clientSecret: emulator.clientSecret }) }, preparer, distPath: '', languages: undefined, redact: (s) => s, log: () => {} };
  const persons = new SmartyPersons(deps, http, dir, { sleep: () => Promise.resolve() });
  const random = prng(14);
  const pick = (n) => Math.floor(random() * n);
  const file = path.join(root, 'samples', 'messi5.jpg');
  const bytes = new Uint8Array(fs.readFileSync(file));
  const source = { uri: `file://${file}`, name: 'messi5.jpg', size: bytes.length, ...(await probeImage(bytes, 'messi5.jpg', formatOnly)), read: async () => bytes };
  // Distinct images: crops of one picture at different places and sizes.
  const crop = () => ({ left: pick(source.width - 64), top: pick(source.height - 64), width: 40 + pick(24), height: 40 + pick(24) });
  const spaces = ['0', '1', '2'];
  const faults = { status2: 0, http5xx: 0, reset: 0, stall: 0 };
  const counts = { enroll: 0, delete: 0, truncate: 0, ok: 0, failed: 0 };
  // Exactly `faultRate` of the operations meet a fault, at seeded places (a random draw per
  // operation gave 18 % on this seed, not the 20 % the issue asks for).
  const faulty = new Set();
  while (faulty.size < Math.round(operations * faultRate)) faulty.add(pick(operations));
  const started = performance.now();
  try {
    for (let i = 0; i < operations; i++) {
      if (faulty.has(i)) {
        const kind = ['status2', 'http5xx', 'reset', 'stall'][pick(4)];
        faults[kind]++;
        if (kind === 'status2') emulator.temporaryFailures(1 + pick(2));
        else if (kind === 'http5xx') emulator.server.injectFor((r) => r.path.startsWith('/api/'), { kind: 'status', status: [500, 502, 503][pick(3)] });
        else emulator.server.injectFor((r) => r.path.startsWith('/api/'), { kind });
      }
      const space = spaces[pick(spaces.length)];
      const roll = random();
      try {
        if (roll < 0.7) {
          counts.enroll++;
          const personId = 1 + pick(12);
          const items = Array.from({ length: 1 + pick(3) }, () => ({ personId, source, crop: crop() }));
          await persons.enroll(space, items);
        } else if (roll < 0.96) {
          counts.delete++;
          const known = personsIn(await persons.ledger(), space).map((p) => p.personId);
          await persons.remove(space, [known.length > 0 ? known[pick(known.length)] : 1 + pick(12)]);
        } else {
          counts.truncate++;
          await persons.truncate(space);
        }
        counts.ok++;
      } catch {
        counts.failed++;
      }
    }
    const ledger = await persons.ledger();
    const account = `client:${emulator.clientId}`;
    const server = emulator.state.snapshot()[account] ?? {};
    const ours = {};
    let personCount = 0;
    let imageCount = 0;
    for (const space of spaces) {
      const list = personsIn(ledger, space);
      if (list.length === 0) continue;
      ours[space] = Object.fromEntries(list.map((p) => [p.personId, p.images.map((im) => im.sha256).sort()]));
      personCount += list.length;
      imageCount += list.reduce((n, p) => n + p.images.length, 0);
    }
    const equal = JSON.stringify(ours) === JSON.stringify(server);
    const injected = Object.values(faults).reduce((a, b) => a + b, 0);
    console.log(`Smarty fault run: ${operations} operations (${counts.enroll} enroll, ${counts.delete} delete, ${counts.truncate} truncate), ${injected} with an injected fault (${faults.status2} status-2, ${faults.http5xx} 5xx, ${faults.reset} resets, ${faults.stall} stalls)`);
    console.log(`  ${counts.ok} completed, ${counts.failed} failed as reported; ledger ${equal ? '==' : '!='} emulator state (${personCount} persons, ${imageCount} images) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (!equal) {
      console.log(`  ledger:   ${JSON.stringify(ours)}`);
      console.log(`  emulator: ${JSON.stringify(server)}`);
      process.exitCode = 1;
    }
  } finally {
    preparer.dispose();
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
