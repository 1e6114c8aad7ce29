import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { AnalysisResult } from '../../src/shared/analysisResult';
import { extensionLog, workspaceFile } from './helpers';
import { useYandexEmulator } from './yandexSuite';

/** A JPEG's marker segments before its first scan, and the bytes from that scan (SOS) on. */
function jpegParts(b: Buffer): { markers: number[]; scans: Buffer } {
  const markers: number[] = [];
  for (let at = 2; at + 4 <= b.length; ) {
    const marker = b[at + 1]!;
    if (marker === 0xda) return { markers, scans: b.subarray(at) };
    markers.push(marker);
    at += 2 + b.readUInt16BE(at + 2);
  }
  throw new Error('no scan');
}

/** Values the fixture's metadata holds (test/fixtures/images/make.sh). */
const PRIVATE = ['Jane Doe', 'TestCam', 'SN-0451-PRIVATE', 'a private comment', 'Exif\0\0'];

describe('Images leave without their private metadata (real VS Code, Yandex emulator)', function () {
  this.timeout(60_000);
  const yandex = useYandexEmulator({ select: true, key: true });
  const config = () => vscode.workspace.getConfiguration('imageInsight');
  after(() => config().update('keepMetadata', undefined, vscode.ConfigurationTarget.Global));

  /** Extract Text on private.jpg; what the OCR API received, decoded. */
  async function send(): Promise<{ original: Buffer; arrived: Buffer }> {
    const file = workspaceFile('private.jpg');
    const result = await vscode.commands.executeCommand<AnalysisResult>('imageInsight.extractText', file, { show: false });
    assert.equal(result.provider, 'yandex');
    const requests = yandex().ocr.requests;
    assert.equal(requests.length, 1);
    const body = JSON.parse(requests[0]!.body.toString()) as { content: string; mimeType: string };
    assert.equal(body.mimeType, 'JPEG');
    return { original: fs.readFileSync(file.fsPath), arrived: Buffer.from(body.content, 'base64') };
  }

  it('a JPEG with GPS and an EXIF thumbnail arrives without APP1, APP13 and the comment, its entropy-coded data byte-identical', async () => {
    const { original, arrived } = await send();
    const before = jpegParts(original);
    const after = jpegParts(arrived);
    assert.ok(before.markers.includes(0xe1) && before.markers.includes(0xed) && before.markers.includes(0xfe), 'the fixture has EXIF, IPTC and a comment');
    assert.ok(!after.markers.some((m) => m === 0xe1 || m === 0xed || m === 0xfe), `no APP1, APP13 or COM: ${after.markers.map((m) => m.toString(16)).join(' ')}`);
    assert.ok(after.markers.includes(0xe2), 'the colour profile (APP2 ICC_PROFILE) stays');
    assert.equal(arrived.indexOf(Buffer.from([0xff, 0xd8, 0xff]), 1), -1, 'no embedded thumbnail');
    for (const text of PRIVATE) assert.ok(!arrived.includes(text), text);
    assert.ok(after.scans.equals(before.scans), 'the scans are byte-identical');
    const log = extensionLog();
    for (const text of PRIVATE.slice(0, 4)) assert.ok(!log.includes(text), `the log holds no metadata value: ${text}`);
  });

  it('with imageInsight.keepMetadata on, it arrives as it is', async () => {
    await config().update('keepMetadata', true, vscode.ConfigurationTarget.Global);
    try {
      const { original, arrived } = await send();
      assert.ok(arrived.equals(original));
    } finally {
      await config().update('keepMetadata', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
