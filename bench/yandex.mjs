// Yandex provider overhead (issue 7): everything but the network for a 1 MB JPEG that needs no
// re-encoding — read, sniff, plan, base64, build the request, parse a 1,000-word answer, map the
// boxes back — with an in-process stand-in for the HTTP client. Target ≤ 30 ms. Reference in the
// same run: the floor of that work (read the file, base64 it, JSON.parse the answer).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { makeInputs } from './images/makeInputs.mjs';
import { fileLoader, NEVER_CANCELLED, timeAgainstFloor } from './providerRuns.mjs';

/** A recognizeText page with `n` words in lines of 10, int64 values as strings (as Yandex sends them). */
function ocrAnswer(n) {
  const v = (x, y) => ({ x: String(x), y: String(y) });
  const box = (x, y, w, h) => ({ vertices: [v(x, y), v(x, y + h), v(x + w, y + h), v(x + w, y)] });
  const lines = [];
  for (let i = 0; i < n; i += 10) {
    const y = 20 + (i / 10) * 30;
    const words = Array.from({ length: Math.min(10, n - i) }, (_, k) => ({ boundingBox: box(20 + k * 120, y, 100, 24), text: `word${i + k}`, entityIndex: '-1', textSegments: [{ startIndex: String((i + k) * 8), length: '7' }] }));
    lines.push({ boundingBox: box(20, y, 1200, 24), text: words.map((w) => w.text).join(' '), words, textSegments: [], orientation: 'ANGLE_0' });
  }
  const blocks = [];
  for (let i = 0; i < lines.length; i += 10) blocks.push({ boundingBox: box(20, 20, 1200, 300), lines: lines.slice(i, i + 10), languages: [{ languageCode: 'en' }], layoutType: 'LAYOUT_TYPE_TEXT' });
  return { result: { textAnnotation: { width: '2400', height: '1800', blocks, entities: [], tables: [], fullText: lines.map((l) => l.text).join('\n'), rotate: 'ANGLE_0' }, page: '0' } };
}

export async function benchYandex(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const { createYandexProvider } = require(path.join(root, 'out/src/providers/yandex/yandexProvider.js'));
  const { builtinProvider } = require(path.join(root, 'out/src/providers/kit/builtinProvider.js'));
  const { yandexDescriptor } = require(path.join(root, 'out/src/providers/yandex/descriptor.js'));
  const { ImagePreparer } = require(path.join(root, 'out/src/images/preparer.js'));
  const { probeImage } = require(path.join(root, 'out/src/images/probe.js'));
  const { formatOnly } = require(path.join(root, 'out/src/shared/localize.js'));
  const { small } = await makeInputs(root);
  const answerText = `${JSON.stringify(ocrAnswer(1000))}\n`;
  const http = { request: async () => ({ status: 200, headers: {}, text: answerText, lines: answerText.split('\n').filter(Boolean).map((l) => JSON.parse(l)) }) };
  const preparer = new ImagePreparer(path.join(root, 'dist/imageWorker.js'), formatOnly, 60_000);
  // As the extension registers it: the descriptor, the shared per-image runner, the Yandex transport.
  const settings = { 'yandex.endpoint': 'https://vision.api.cloud.yandex.net', 'yandex.ocrEndpoint': 'https://ocr.api.cloud.yandex.net', 'yandex.textApi': 'ocr', 'yandex.textModel': 'page' };
  const deps = { t: formatOnly, setting: (key) => settings[key], credentials: { get: async () => ({ apiKey: 'bench' }) }, preparer, distPath: '', languages: undefined, redact: (s) => s, log: () => {} };
  const provider = builtinProvider(yandexDescriptor, deps, async () => undefined, (d) => createYandexProvider(d, http));
  let words = 0;
  let medians;
  try {
    medians = await timeAgainstFloor(
      async () => {
        const [result] = await provider.analyze([fileLoader(probeImage, formatOnly, small)], ['text'], { languages: ['*'] }, NEVER_CANCELLED);
        words = result.text.pages[0].blocks.flatMap((b) => b.lines.flatMap((l) => l.words)).length;
      },
      () => {
        JSON.stringify({ content: fs.readFileSync(small).toString('base64') });
        JSON.parse(answerText);
      },
    );
  } finally {
    preparer.dispose();
  }
  const bytes = fs.statSync(small).size;
  console.log(`Yandex provider overhead without the network (${(bytes / 1e6).toFixed(2)} MB JPEG sent as is, ${words}-word OCR answer; median of 20)`);
  console.log(`  read + sniff + plan + base64 + build + parse + map boxes: ${medians.ours.toFixed(2)} ms (target ≤ 30 ms); floor (read, base64, JSON.parse): ${medians.floor.toFixed(2)} ms (ratio ${(medians.ours / medians.floor).toFixed(1)}×)`);
}
