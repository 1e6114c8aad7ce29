// `npm run emulators`: starts every cloud emulator on fixed loopback ports (so settings survive a
// restart), prints how to point the extension at them, and runs until Ctrl+C.
// Run `npm run compile-tests` first: this loads the compiled emulators from out/.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compiled = path.join(root, 'out/test/emulators/index.js');
if (!fs.existsSync(compiled)) {
  console.error(`${compiled} is missing: run "npm run compile-tests" first.`);
  process.exit(1);
}
const { startEmulators } = createRequire(import.meta.url)(compiled);

const args = process.argv.slice(2);
const port = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const emulators = await startEmulators({
  yandex: {
    ports: { vision: port('--yandex-port', 48601), ocr: port('--yandex-ocr-port', 48602) },
    // The documented quotas, so throttling is seen as a real user would see it.
    rateLimit: args.includes('--no-rate-limit') ? undefined : { vision: 10, ocr: 1 },
    discontinued: !args.includes('--legacy-features'),
  },
  google: {
    port: port('--google-port', 48603),
    // The default quota (1800 requests a minute), so throttling is seen as a real user would see it.
    perMinute: args.includes('--no-rate-limit') ? undefined : 1800,
    serviceDisabled: args.includes('--google-service-disabled'),
    billingDisabled: args.includes('--google-billing-disabled'),
  },
  smarty: { port: port('--smarty-port', 48604) },
});

const imagesDir = path.join(root, 'out/emulator-images');
fs.mkdirSync(imagesDir, { recursive: true });
for (const k of emulators.yandex.knownImages) fs.writeFileSync(path.join(imagesDir, `yandex-${k.name}.png`), k.png);

console.log(emulators.describe());
console.log(`  Known images written to ${imagesDir}`);
console.log('\nOptions: --yandex-port N --yandex-ocr-port N --google-port N --smarty-port N --no-rate-limit --legacy-features (CLASSIFICATION/FACE_DETECTION answer)');
console.log('         --google-service-disabled / --google-billing-disabled (Google answers 403 with that reason)');
console.log('Press Ctrl+C to stop.');

const log = (name, server) => {
  let seen = 0;
  setInterval(() => {
    for (; seen < server.requests.length; seen++) {
      const r = server.requests[seen];
      console.log(`[${name}] ${new Date(r.at).toISOString()} ${r.method} ${r.path} ${r.body.length} bytes`);
    }
  }, 250).unref();
};
log('yandex-vision', emulators.yandex.vision);
log('yandex-ocr', emulators.yandex.ocr);
log('google-vision', emulators.google.server);
log('smarty', emulators.smarty.server);

let stopping = false;
process.on('SIGINT', () => {
  if (stopping) process.exit(1);
  stopping = true;
  void emulators.close().then(() => process.exit(0));
});
