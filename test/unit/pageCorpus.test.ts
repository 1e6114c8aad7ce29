import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImagePreparer } from '../../src/images/preparer';
import { analyzePage, candidateTurns } from '../../src/providers/local/prepare/preparePage';
import { formatOnly } from '../../src/shared/localize';

// The page preparation's measurements on the OCR corpus (scripts/ocr-corpus.mjs, issue 15): pages
// turned and skewed by wasm-vips, not by our own code, with their true geometry. The skew must be
// found within 0.5° and one of the two levelling turns must be the one that makes the page
// upright (which of the two is the engine's call, on a band of lines: localOcr.test.ts and the
// degraded-pages bench check that the whole reading gets the turn right).
const ROOT = path.resolve(__dirname, '../../..');

interface CorpusImage {
  page: string;
  condition: string;
  path: string;
  geometry: { turn: number; skew: number; scale: number };
  effects: string[];
}
type MakeCorpus = (options: { root: string; outDir: string; pages?: string[]; conditions?: string[] }) => Promise<{ images: CorpusImage[] }>;

/** Distance of an angle from a multiple of 360°. */
const offUpright = (degrees: number) => Math.abs((((degrees % 360) + 540) % 360) - 180);

describe('page preparation on the OCR corpus (pages turned and skewed by wasm-vips)', function () {
  this.timeout(120_000);
  let images: CorpusImage[] = [];
  let dir: string;
  let preparer: ImagePreparer;

  before(async () => {
    const script = pathToFileURL(path.join(ROOT, 'scripts/ocr-corpus.mjs')).href;
    const { makeCorpus } = (await import(script)) as { makeCorpus: MakeCorpus };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-corpus-test-'));
    const conditions = ['upright', 'skew+3', 'skew-7', 'skew+12', 'skew-20', 'skew+30', 'turn90', 'turn180', 'turn270', 'turn180+skew+7', 'turn270+skew-20', 'shadow+jpeg30+skew+3'];
    images = (await makeCorpus({ root: ROOT, outDir: dir, pages: ['imageTextN', 'article', 'invoice'], conditions })).images;
    preparer = new ImagePreparer(path.join(ROOT, 'dist/imageWorker.js'), formatOnly, 5_000);
  });
  after(() => {
    preparer?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds every skew within 0.5°, and a levelling turn that makes the page upright, on three pages in twelve conditions', async () => {
    assert.equal(images.length, 36);
    for (const image of images) {
      const gray = await preparer.grayPixels(new Uint8Array(fs.readFileSync(image.path)), image.path);
      const turns = candidateTurns(analyzePage(gray));
      const total = image.geometry.turn + image.geometry.skew; // clockwise, as the corpus made it
      const best = Math.min(...turns.slice(0, 2).map((turn) => offUpright(total + turn)));
      assert.ok(best <= 0.5, `${image.page} ${image.condition}: levelling turns ${turns.map((t) => t.toFixed(2)).join(', ')} leave ${best.toFixed(2)}°`);
    }
  });
});
