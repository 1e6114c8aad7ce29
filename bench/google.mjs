// Google provider overhead (issue 13): everything but the network for 16 images in one
// images:annotate request — read, sniff, plan, base64, build the body, parse 16 answers (text with
// symbols and breaks, labels, a face), rebuild lines, map boxes back — with an in-process stand-in
// for the HTTP client that still JSON.parses the answer, as the real one does. Reference in the
// same run: the floor of that work (read the 16 files, base64 them into a body, JSON.parse the answer).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileLoader, NEVER_CANCELLED, timeAgainstFloor } from './providerRuns.mjs';

/** One AnnotateImageResponse: `n` words in lines of 8 with one symbol per letter, zeros omitted. */
function imageAnswer(n, seed) {
  const vertex = (x, y) => ({ ...(x ? { x } : {}), ...(y ? { y } : {}) });
  const box = (x, y, w, h) => ({ vertices: [vertex(x, y), vertex(x + w, y), vertex(x + w, y + h), vertex(x, y + h)] });
  const words = Array.from({ length: n }, (_, i) => {
    const text = `w${seed}x${i}`;
    const x = (i % 8) * 60;
    const y = Math.floor(i / 8) * 20;
    const last = i % 8 === 7 || i === n - 1 ? 'EOL_SURE_SPACE' : 'SPACE';
    return {
      boundingBox: box(x, y, 50, 16),
      confidence: 0.97,
      symbols: [...text].map((ch, j) => ({ boundingBox: box(x + j * 6, y, 6, 16), text: ch, confidence: 0.97, ...(j === text.length - 1 ? { property: { detectedBreak: { type: last } } } : {}) })),
    };
  });
  const paragraphs = [];
  for (let i = 0; i < n; i += 40) paragraphs.push({ boundingBox: box(0, 0, 480, 100), words: words.slice(i, i + 40) });
  return {
    fullTextAnnotation: { pages: [{ width: 500, height: 400, blocks: [{ boundingBox: box(0, 0, 480, 380), paragraphs, blockType: 'TEXT' }] }], text: words.map((w) => w.symbols.map((s) => s.text).join('')).join(' ') },
    labelAnnotations: Array.from({ length: 10 }, (_, i) => ({ mid: `/m/0${i}`, description: `label ${i}`, score: 0.9 - i / 20, topicality: 0.9 - i / 20 })),
    faceAnnotations: [{ boundingPoly: box(10, 10, 100, 120), landmarks: [{ type: 'LEFT_EYE', position: { x: 40, y: 50, z: 1 } }], rollAngle: 1, panAngle: 2, tiltAngle: 3, detectionConfidence: 0.9, joyLikelihood: 'LIKELY' }],
  };
}

export async function benchGoogle(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const { createGoogleProvider } = require(path.join(root, 'out/src/providers/google/googleProvider.js'));
  const { builtinProvider } = require(path.join(root, 'out/src/providers/kit/builtinProvider.js'));
  const { googleDescriptor } = require(path.join(root, 'out/src/providers/google/descriptor.js'));
  const { ImagePreparer } = require(path.join(root, 'out/src/images/preparer.js'));
  const { probeImage } = require(path.join(root, 'out/src/images/probe.js'));
  const { formatOnly } = require(path.join(root, 'out/src/shared/localize.js'));
  const samples = fs.readdirSync(path.join(root, 'samples')).filter((f) => /\.(jpe?g|png)$/i.test(f)).map((f) => path.join(root, 'samples', f));
  const files = Array.from({ length: 16 }, (_, i) => samples[i % samples.length]);
  const answerText = JSON.stringify({ responses: files.map((_, i) => imageAnswer(300, i)) });
  let requests = 0;
  // The transport as the shared client leaves it: the body built and serialized, the answer parsed.
  const http = { request: async (options) => (requests++, options.body.length, { status: 200, headers: {}, text: answerText, json: JSON.parse(answerText) }) };
  const preparer = new ImagePreparer(path.join(root, 'dist/imageWorker.js'), formatOnly, 60_000);
  const settings = { 'google.endpoint': 'https://vision.googleapis.com', 'google.location': '', 'google.textFeature': 'DOCUMENT_TEXT_DETECTION' };
  const deps = { t: formatOnly, setting: (key) => settings[key], credentials: { get: async () => ({ apiKey: 'bench' }) }, preparer, distPath: '', languages: undefined, redact: (s) => s, log: () => {} };
  const provider = builtinProvider(googleDescriptor, deps, async () => undefined, (d) => createGoogleProvider(d, http));
  let words = 0;
  let medians;
  try {
    medians = await timeAgainstFloor(
      async () => {
        requests = 0;
        const results = await provider.analyze(files.map((file) => fileLoader(probeImage, formatOnly, file)), ['text', 'labels', 'faces'], { languages: ['*'] }, NEVER_CANCELLED);
        if (requests !== 1 || results.some((r) => r instanceof Error)) throw new Error(`expected one request and 16 results, got ${requests} requests`);
        words = results.reduce((n, r) => n + r.text.pages[0].blocks.flatMap((b) => b.lines.flatMap((l) => l.words)).length, 0);
      },
      () => {
        JSON.stringify({ requests: files.map((f) => ({ image: { content: fs.readFileSync(f).toString('base64') } })) });
        JSON.parse(answerText);
      },
    );
  } finally {
    preparer.dispose();
  }
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  console.log(`Google provider overhead without the network (16 images, ${(bytes / 1e6).toFixed(2)} MB sent as they are, in one request; ${words} words with symbols + labels + a face per image, ${(answerText.length / 1e6).toFixed(1)} MB answer; median of 20)`);
  console.log(`  read + sniff + plan + base64 + build + parse + rebuild lines + map boxes: ${medians.ours.toFixed(2)} ms; floor (read, base64, JSON.parse): ${medians.floor.toFixed(2)} ms (ratio ${(medians.ours / medians.floor).toFixed(1)}×)`);
}
