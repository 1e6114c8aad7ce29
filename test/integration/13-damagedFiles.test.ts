import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../src/shared/analysisResult';
import type { YandexEmulator } from '../emulators/yandex';
import { workspaceFile } from './helpers';
import { useYandexEmulator } from './yandexSuite';

/** The emulator's requests so far, both APIs. */
const sent = (emulator: YandexEmulator) => emulator.vision.requests.length + emulator.ocr.requests.length;

/**
 * The damaged fixtures scripts/test.mjs copies into the workspace's damaged/ folder, and the
 * refusal each gets (after the command's own "Extract Text failed: " and the like).
 */
const DAMAGED: Array<[string, RegExp]> = [
  ['cut-short.jpg', /"cut-short\.jpg" is cut short or damaged: the JPEG file ends before its end-of-image marker\.$/],
  ['truncated.jpg', /"truncated\.jpg" is cut short or damaged: the JPEG file ends before its end-of-image marker\.$/],
  ['cut-short.png', /"cut-short\.png" is cut short or damaged: the PNG file ends before its IEND chunk\.$/],
  ['cut-short.gif', /"cut-short\.gif" is cut short or damaged: the GIF file ends before its trailer\.$/],
  ['cut-short.webp', /"cut-short\.webp" is cut short or damaged: the WebP file is shorter than its RIFF header says\.$/],
  ['cut-short.tiff', /"cut-short\.tiff" is cut short or damaged: the TIFF file ends before data it points to\.$/],
  ['cut-short.bmp', /"cut-short\.bmp" is cut short or damaged: the BMP file ends before its pixel data does\.$/],
  ['bad-crc.png', /"bad-crc\.png" is a damaged PNG file: the checksum of its IHDR chunk is wrong\.$/],
];

/** Every analysis command, as a script calls it: failures reject, nothing is shown. */
const COMMANDS: Array<[string, Record<string, unknown>]> = [
  ['imageInsight.extractText', { show: false }],
  ['imageInsight.detectFaces', { show: false }],
  ['imageInsight.classify', { show: false }],
  ['imageInsight.findCopies', { show: false }],
  ['imageInsight.analyze', { features: ['text', 'faces', 'labels', 'copies'], show: false }],
];

describe('damaged (cut-short) files with Yandex against the local emulator (real VS Code)', function () {
  this.timeout(60_000);
  const yandex = useYandexEmulator({ select: true, key: true });
  let emulator: YandexEmulator;
  beforeEach(() => (emulator = yandex()));

  it('every analysis command refuses every damaged file, naming it and the damage, and sends nothing', async () => {
    for (const [command, options] of COMMANDS) {
      for (const [name, expected] of DAMAGED) {
        const error = await Promise.resolve(vscode.commands.executeCommand(command, workspaceFile('damaged', name), options)).then(
          () => assert.fail(`${command} on ${name} should reject`),
          (e: unknown) => e,
        );
        assert.ok(error instanceof Error, `${command} on ${name}: ${String(error)}`);
        assert.match(error.message, expected, `${command} on ${name}: ${error.message}`);
      }
    }
    assert.equal(sent(emulator), 0, 'requests the emulator received');
  });

  it('a damaged file in a multi-selection is reported on its own; only the whole one is sent', async () => {
    const whole = workspaceFile('images', 'fruits.jpg');
    const cut = workspaceFile('damaged', 'cut-short.jpg');
    const results = await vscode.commands.executeCommand<AnalysisResult[]>('imageInsight.findCopies', whole, [whole, cut], { show: false });
    assert.equal(emulator.vision.requests.length, 1);
    const body = JSON.parse(emulator.vision.requests[0]!.body.toString()) as { analyzeSpecs: unknown[] };
    assert.equal(body.analyzeSpecs.length, 1);
    assert.ok(results[0]!.copies && results[0]!.errors.length === 0);
    assert.equal(results[1]!.image.uri, cut.toString());
    assert.match(results[1]!.errors[0]!.message, /"cut-short\.jpg" is cut short or damaged/);
  });

  it('a whole JPEG with a video after it (a motion photo) is not damaged: it is sent', async () => {
    const result = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.extractText', workspaceFile('motion-photo.jpg'), { show: false });
    assert.equal(result.provider, 'yandex');
    assert.deepEqual(result.errors, []);
    assert.equal(sent(emulator), 1);
  });
});
