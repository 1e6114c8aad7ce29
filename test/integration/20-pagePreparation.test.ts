import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { allWords, type AnalysisResult } from '../../src/shared/analysisResult';
import type { Point } from '../../src/shared/geometry';
import { characterErrorRate } from '../../src/text/cer';
import { activateExtension, boxCount, hasUiBridge, ui, workspaceFile } from './helpers';

const TRUTH = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/ocr/imageTextN.txt'), 'utf8');
/** imageTextN.png's size: the pages below are it turned by ImageMagick (test/fixtures/ocr/makeTurned.sh). */
const PAGE = { width: 556, height: 257 };

/**
 * ImageMagick's `-rotate` turns about the centre onto a canvas that holds the whole page: a point
 * of the page → the same point of the turned picture.
 */
function turnedPoint(p: Point, degrees: number, picture: { width: number; height: number }): Point {
  const r = (degrees * Math.PI) / 180;
  const x = p.x - PAGE.width / 2;
  const y = p.y - PAGE.height / 2;
  return { x: x * Math.cos(r) - y * Math.sin(r) + picture.width / 2, y: x * Math.sin(r) + y * Math.cos(r) + picture.height / 2 };
}

const centre = (polygon: readonly Point[]) => ({ x: polygon.reduce((s, p) => s + p.x, 0) / polygon.length, y: polygon.reduce((s, p) => s + p.y, 0) / polygon.length });

describe('Local OCR reads pages as they come: skewed and upside down (real VS Code)', function () {
  this.timeout(120_000);
  let upright: AnalysisResult;

  before(async () => {
    await activateExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    upright = (await vscode.commands.executeCommand<AnalysisResult>('imageInsight.extractText', workspaceFile('images', 'imageTextN.png'), { provider: 'local', show: false }))!;
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const [file, degrees, turned, deskewed, note] of [
    ['imageTextN-skewed-12.png', 12, 0, 12, /Read after preparing the page: deskewed 12\.0°/],
    ['imageTextN-turned-180.png', 180, 180, 0, /Read after preparing the page: turned 180°/],
  ] as const) {
    it(`${file}: Extract Text reads the words of the page, each box on its word of the picture, and the panel says what was done`, async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const result = (await vscode.commands.executeCommand<AnalysisResult>('imageInsight.extractText', workspaceFile('pages', file), { provider: 'local' }));
      const text = result.text!;
      assert.ok(characterErrorRate(TRUTH, text.fullText).cer <= 0.02, `CER ${(characterErrorRate(TRUTH, text.fullText).cer * 100).toFixed(1)} %`);
      assert.equal(text.preparation!.turned, turned);
      assert.ok(Math.abs(text.preparation!.deskewed - deskewed) <= 0.5, `deskewed ${text.preparation!.deskewed}°`);
      // Each word's box lies on the same word of the picture: the upright page's word, turned as ImageMagick turned the page.
      const picture = { width: result.image.width, height: result.image.height };
      const uprightWords = allWords(upright.text!);
      const distances: number[] = [];
      for (const word of allWords(text).filter((w) => w.text.length >= 4)) {
        const same = uprightWords.filter((w) => w.text === word.text).map((w) => turnedPoint(centre(w.polygon), degrees, picture));
        if (same.length === 0) continue;
        const c = centre(word.polygon);
        distances.push(Math.min(...same.map((s) => Math.hypot(s.x - c.x, s.y - c.y))));
      }
      distances.sort((a, b) => a - b);
      assert.ok(distances.length >= 40, `${distances.length} words compared`);
      assert.ok(distances[Math.floor(distances.length / 2)]! <= 1.5, `median ${distances[Math.floor(distances.length / 2)]} px`);
      assert.ok(distances[Math.floor(distances.length * 0.85)]! <= 3, `85th percentile ${distances[Math.floor(distances.length * 0.85)]} px`);
      if (!hasUiBridge()) return;
      await ui('waitFor', { selector: '.layer-word', frame: true, state: 'attached', timeoutMs: 60_000 });
      await ui('waitFor', { selector: 'body img.picture-loaded', frame: true, state: 'attached', timeoutMs: 20_000 });
      assert.equal(await boxCount(), allWords(text).length, 'every word is boxed on the picture');
      const [shown] = await ui<string[]>('text', { selector: '.prepared-note', frame: true });
      assert.match(shown ?? '', note);
      const shots = process.env.IMAGE_INSIGHT_SCREENSHOTS;
      if (shots && degrees === 12) await ui('screenshot', { path: path.join(shots, 'results-panel-skewed.png') });
    });
  }
});
