// Issue 16 (many images): 200 images through the real providers, HTTP client and scheduler
// against the emulators, each answer taking a fixed 300 ms, with the documented quotas enforced
// by the emulators (Google 1,800/min, Yandex Vision 10/s). References in the same run:
//   - the ideal schedule: the fewest requests the batch limits allow (Google 16 images and 10 MB
//     a request; Yandex 8), started as soon as the quota and the concurrency let them, each taking
//     exactly the latency — no preparation, no parsing, no network (target: ours ≤ 1.15× it);
//   - one request per image (Google): the same 200 images, each its own analysis, through the same
//     scheduler and quota (target: ours ≥ 10× faster).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import os from 'node:os';
import { startEmulatorProcess } from './emulatorProcess.mjs';
import { englishStrings, gridResult, openPanelPage, paintResult } from './panel.mjs';
import { fileLoader, NEVER_CANCELLED } from './providerRuns.mjs';

const IMAGES = 200;
const LATENCY_MS = 300;
const RUNS = Number(process.env.BENCH_BATCH_RUNS ?? 3);

export async function benchBatch(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const out = (p) => require(path.join(root, 'out', p));
  const fetch = require('node-fetch');
  const { createHttpClient } = out('src/providers/http.js');
  const { builtinProvider } = out('src/providers/kit/builtinProvider.js');
  const { Scheduler } = out('src/providers/kit/scheduler.js');
  const { googleDescriptor } = out('src/providers/google/descriptor.js');
  const { createGoogleProvider } = out('src/providers/google/googleProvider.js');
  const { yandexDescriptor } = out('src/providers/yandex/descriptor.js');
  const { createYandexProvider } = out('src/providers/yandex/yandexProvider.js');
  const { ImagePreparer } = out('src/images/preparer.js');
  const { probeImage } = out('src/images/probe.js');
  const { formatOnly } = out('src/shared/localize.js');
  const { idealScheduleMs } = out('test/unit/fakeClock.js');

  const samples = fs.readdirSync(path.join(root, 'samples')).filter((f) => /\.(jpe?g|png)$/i.test(f)).map((f) => path.join(root, 'samples', f));
  const files = Array.from({ length: IMAGES }, (_, i) => samples[i % samples.length]);
  const loaders = () => files.map((file) => fileLoader(probeImage, formatOnly, file));
  const preparer = new ImagePreparer(path.join(root, 'dist/imageWorker.js'), formatOnly, 60_000);
  const emulators = await startEmulatorProcess(root, { google: { perMinute: 1800, latencyMs: LATENCY_MS }, yandex: { rateLimit: { vision: 10, ocr: 1 }, latencyMs: LATENCY_MS } });
  const { google, yandex } = emulators;
  const http = createHttpClient({ fetch, t: formatOnly, redact: (s) => s, log: () => {} });
  const providerFor = (descriptor, create, settings, credentials, scheduler) => {
    const deps = { t: formatOnly, setting: (key) => settings[key], credentials: { get: async () => credentials }, preparer, distPath: '', languages: undefined, redact: (s) => s, log: () => {}, scheduler };
    return builtinProvider(descriptor, deps, async () => undefined, (d) => create(d, http));
  };
  const googleSettings = { 'google.endpoint': google.url, 'google.textFeature': 'DOCUMENT_TEXT_DETECTION', 'google.requestsPerMinute': 1800, 'request.concurrency': 4 };
  const yandexSettings = { 'yandex.endpoint': yandex.visionUrl, 'yandex.ocrEndpoint': yandex.ocrUrl, 'yandex.textApi': 'vision', 'yandex.requestsPerSecond': 10, 'request.concurrency': 4 };
  const googleProvider = (scheduler) => providerFor(googleDescriptor, createGoogleProvider, googleSettings, { apiKey: google.apiKey }, scheduler);
  const yandexProvider = (scheduler) => providerFor(yandexDescriptor, createYandexProvider, yandexSettings, { apiKey: yandex.apiKey }, scheduler);

  /** One batch of the 200 images in one analysis: wall time, requests, failures, 429s seen. */
  const batch = async (provider, server) => {
    await emulators.reset();
    const started = performance.now();
    const outcomes = await provider.analyze(loaders(), ['text'], { languages: ['*'] }, NEVER_CANCELLED);
    const ms = performance.now() - started;
    return { ms, requests: (await emulators.counts())[server], failed: outcomes.filter((o) => o instanceof Error || o.errors.some((e) => e.feature === '*')).length };
  };
  /** The same images, each its own analysis (all at once, as 200 single-image commands would be). */
  const onePerImage = async (provider, server) => {
    await emulators.reset();
    const started = performance.now();
    const outcomes = (await Promise.all(loaders().map((load) => provider.analyze([load], ['text'], { languages: ['*'] }, NEVER_CANCELLED)))).flat();
    const ms = performance.now() - started;
    return { ms, requests: (await emulators.counts())[server], failed: outcomes.filter((o) => o instanceof Error).length };
  };
  const median = (runs) => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  const repeat = async (n, once) => {
    const runs = [];
    for (let i = 0; i < n; i++) runs.push(await once());
    return median(runs);
  };

  try {
    // Warm-up: the image worker and the JIT (not timed).
    await batch(googleProvider(new Scheduler()), 'google');
    const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    const googleRequests = Math.max(Math.ceil(IMAGES / 16), Math.ceil((bytes * 4) / 3 / (10 * 1000 * 1000)));
    const g = await repeat(RUNS, () => batch(googleProvider(new Scheduler()), 'google'));
    const gIdeal = idealScheduleMs(googleRequests, LATENCY_MS, 1800 / 60, 4);
    const y = await repeat(RUNS, () => batch(yandexProvider(new Scheduler()), 'vision'));
    const yIdeal = idealScheduleMs(Math.ceil(IMAGES / 8), LATENCY_MS, 10, 4);
    const single = await repeat(1, () => onePerImage(googleProvider(new Scheduler()), 'google'));

    console.log(`Batches (issue 16): ${IMAGES} images (${(bytes / 1e6).toFixed(1)} MB), each answer ${LATENCY_MS} ms late, quotas enforced by the emulators, concurrency 4; median of ${RUNS}`);
    console.log(`  Google, 16 a request: ${g.ms.toFixed(0)} ms, ${g.requests} requests, ${g.failed} failed; ideal schedule (${googleRequests} requests at 30/s, 4 in flight): ${gIdeal.toFixed(0)} ms → ${(g.ms / gIdeal).toFixed(3)}× the ideal (target ≤ 1.15×)`);
    console.log(`  Yandex Vision, 8 a request: ${y.ms.toFixed(0)} ms, ${y.requests} requests, ${y.failed} failed; ideal schedule (${Math.ceil(IMAGES / 8)} requests at 10/s, 4 in flight): ${yIdeal.toFixed(0)} ms → ${(y.ms / yIdeal).toFixed(3)}× the ideal (target ≤ 1.15×)`);
    console.log(`  Google, one request per image: ${single.ms.toFixed(0)} ms, ${single.requests} requests, ${single.failed} failed → ours ${(single.ms / g.ms).toFixed(1)}× faster (target ≥ 10×)`);
    await cacheHit(root, out, googleProvider, loaders);
  } finally {
    preparer.dispose();
    await emulators.close();
  }
}

/**
 * A cache hit's time to a painted panel: the host's lookup (hash the file, read and check the
 * entry: a 5,000-word result) plus the panel painting that result (headless Chromium, from the
 * message's arrival to the painted frame). Reference in the same run: a miss — the same image
 * analyzed by Google against the emulator (300 ms latency) — plus the same painting.
 */
async function cacheHit(root, out, googleProvider, loaders) {
  const { AnalysisCache } = out('src/analysis/analysisCache.js');
  const { ResultCache } = out('src/analysis/resultCache.js');
  const { analysisCacheKey, contentHash } = out('src/analysis/cacheKey.js');
  const { probeImage } = out('src/images/probe.js');
  const { formatOnly } = out('src/shared/localize.js');
  const { Scheduler } = out('src/providers/kit/scheduler.js');
  const file = path.join(root, 'samples/imageTextN.png');
  const bytes = new Uint8Array(fs.readFileSync(file));
  const source = { uri: `file://${file}`, name: 'imageTextN.png', size: bytes.length, ...(await probeImage(bytes, 'imageTextN.png', formatOnly)), read: async () => new Uint8Array(fs.readFileSync(file)) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ii-cache-bench-'));
  const settings = { 'cache.enabled': true };
  const setting = (key) => settings[key];
  const result = { ...gridResult(5000), provider: 'google', image: { uri: source.uri, width: 4000, height: 3000, mime: 'image/png', sha256: contentHash(bytes) } };
  const key = analysisCacheKey({ sha256: result.image.sha256, provider: 'google', features: ['text'], languages: ['*'], version: 'bench' }, setting);
  await new ResultCache(dir, 200 * 1024 * 1024).put(key, result);
  const cache = new AnalysisCache(dir, setting, 'bench', () => {});
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const { browser, page } = await openPanelPage(root);
  try {
    const strings = englishStrings(root);
    const paint = async (shown) => (await paintResult(page, shown, strings)).ms;
    const hits = [], misses = [], paints = [];
    for (let i = 0; i < 7; i++) {
      let started = performance.now();
      const found = await cache.lookup(source, 'google', ['text'], ['*']);
      const lookupMs = performance.now() - started;
      if (!found.hit?.cached) throw new Error('the cache did not hit');
      const paintMs = await paint(found.hit);
      hits.push(lookupMs + paintMs);
      paints.push(paintMs);
      started = performance.now();
      const [fresh] = await googleProvider(new Scheduler()).analyze([loaders()[1]], ['text'], { languages: ['*'] }, NEVER_CANCELLED);
      if (fresh instanceof Error) throw fresh;
      misses.push(performance.now() - started + (await paint(result)));
    }
    console.log(`  cache hit → painted panel (5,000-word result: lookup + paint): ${median(hits).toFixed(1)} ms (paint ${median(paints).toFixed(1)} ms); a miss (Google through the emulator, 300 ms latency, + paint): ${median(misses).toFixed(0)} ms → the hit takes ${(median(hits) / median(misses)).toFixed(3)}× the miss's time`);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
