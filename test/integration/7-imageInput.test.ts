import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { AnalysisResult, FeatureId } from '../../src/shared/analysisResult';
import type { ImageSource } from '../../src/images/imageSource';
import type { ExternalProvider } from '../../src/providers/types';
import os from 'node:os';
import path from 'node:path';
import { activateExtension, workspaceFile } from './helpers';

/** Counts what reaches a provider: bad input must never get there. */
class CountingProvider implements ExternalProvider {
  readonly id = 'input-double';
  readonly displayName = 'Input Double';
  readonly capabilities: FeatureId[] = ['text'];
  readonly received: ImageSource[] = [];
  isConfigured() {
    return Promise.resolve(true);
  }
  analyze(image: ImageSource, features: FeatureId[]): Promise<AnalysisResult> {
    this.received.push(image);
    return Promise.resolve({
      provider: this.id,
      features,
      image: { uri: image.uri, width: image.width, height: image.height, mime: '', sha256: '' },
      errors: [],
      raw: {},
      timings: { prepareMs: 0, requestMs: 0, parseMs: 0 },
    });
  }
}

/** A read-only file system for a scheme of the test's own, serving one file's bytes or failing. */
class TestFileSystem implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  constructor(
    private readonly files: Record<string, Uint8Array | vscode.FileSystemError>,
    /** Sizes `stat` reports instead of the real ones: a file that grows between stat and read. */
    private readonly statSizes: Record<string, number> = {},
  ) {}
  private entry(uri: vscode.Uri): Uint8Array {
    const file = this.files[uri.path];
    if (file === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    if (file instanceof vscode.FileSystemError) throw file;
    return file;
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files[uri.path];
    if (file instanceof vscode.FileSystemError) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: 100 };
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: this.statSizes[uri.path] ?? this.entry(uri).byteLength };
  }
  readFile(uri: vscode.Uri): Uint8Array {
    return this.entry(uri);
  }
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
}

describe('image input (files that are not what they seem, and files that are)', () => {
  const double = new CountingProvider();
  const disposables: vscode.Disposable[] = [];
  const analyze = (uri: vscode.Uri) =>
    Promise.resolve(vscode.commands.executeCommand<AnalysisResult>('imageInsight.extractText', uri, { provider: 'input-double', show: false }));

  before(async () => {
    const api = await activateExtension();
    disposables.push(api.registerProvider(double));
    const png = fs.readFileSync(workspaceFile('images', 'imageTextN.png').fsPath);
    // The same PNG with 51 MB appended (data after IEND is not damage): small at stat, large when read.
    const grown = Buffer.concat([png, Buffer.alloc(51 * 1024 * 1024)]);
    disposables.push(
      vscode.workspace.registerFileSystemProvider(
        'iitest',
        new TestFileSystem(
          { '/scan.png': png, '/locked.png': vscode.FileSystemError.NoPermissions('locked.png'), '/growing.png': grown },
          { '/growing.png': png.byteLength },
        ),
        { isReadonly: true },
      ),
    );
  });
  after(() => {
    for (const d of disposables) d.dispose();
  });
  beforeEach(() => {
    double.received.length = 0;
  });

  it('reads a file on a non-file: scheme through workspace.fs', async () => {
    const result = await analyze(vscode.Uri.parse('iitest:/scan.png'));
    assert.equal(result.image.width, 556);
    assert.equal(double.received[0]?.format, 'png');
  });

  it('names the file and the cause when the file system refuses to read it', async () => {
    await assert.rejects(analyze(vscode.Uri.parse('iitest:/locked.png')), /Cannot read "locked.png"/);
    assert.equal(double.received.length, 0);
  });

  it('handles a path with spaces, Cyrillic and emoji', async () => {
    const result = await analyze(workspaceFile('фото с пробелами 😀.jpg'));
    assert.equal(result.image.width, 512);
    assert.equal(double.received[0]?.name, 'фото с пробелами 😀.jpg');
  });

  it('refuses a 60 MB file before reading it', async () => {
    await assert.rejects(analyze(workspaceFile('huge.jpg')), /"huge.jpg" is 60.0 MB, over the 50 MB limit/);
    assert.equal(double.received.length, 0);
  });

  it('checks the size limit on the bytes actually read, not only on what stat said', async () => {
    await assert.rejects(analyze(vscode.Uri.parse('iitest:/growing.png')), /"growing.png" is 51\.\d MB, over the 50 MB limit/);
    assert.equal(double.received.length, 0);
  });

  it('names a symlink loop instead of hanging or crashing', async () => {
    await assert.rejects(analyze(workspaceFile('loop.png')), /loop.png/);
    assert.equal(double.received.length, 0);
  });

  it('sends nothing for any bad file of the workspace', async () => {
    for (const name of ['empty.png', 'notes.txt', 'page.jpg', 'bomb.png', 'missing.png']) {
      await assert.rejects(analyze(workspaceFile(name)), new RegExp(name.replace('.', '\\.')));
    }
    assert.equal(double.received.length, 0);
  });
});

describe('a link in the workspace that leads outside it', function () {
  this.timeout(60_000);
  const double = new CountingProvider();
  const disposables: vscode.Disposable[] = [];
  const outside = path.join(os.tmpdir(), `image-insight-outside-${process.pid}.png`);
  const link = () => workspaceFile('link-out.png');
  const run = (provider: string) => Promise.resolve(vscode.commands.executeCommand<AnalysisResult | undefined>('imageInsight.extractText', link(), { provider, show: false }));

  before(async () => {
    const api = await activateExtension();
    disposables.push(api.registerProvider(double));
    fs.copyFileSync(workspaceFile('images', 'imageTextN.png').fsPath, outside);
    fs.rmSync(link().fsPath, { force: true });
    fs.symlinkSync(outside, link().fsPath);
  });
  after(() => {
    for (const d of disposables) d.dispose();
    fs.rmSync(link().fsPath, { force: true });
    fs.rmSync(outside, { force: true });
  });
  beforeEach(() => {
    double.received.length = 0;
  });

  it('is named, with where it leads, in a modal confirmation before it goes to a provider that sends images out; unanswered, nothing is sent', async () => {
    // VS Code's test mode refuses every modal dialog and says what it would have shown: that is
    // the confirmation's text, and an unconfirmed request sends nothing.
    await assert.rejects(run('input-double'), (error: Error) => {
      assert.match(error.message, /refused to show dialog/);
      assert.ok(error.message.includes(`"link-out.png" is a link to ${outside}, outside the workspace. Send that file to Input Double?`), error.message);
      return true;
    });
    assert.equal(double.received.length, 0);
  });

  it('needs no confirmation for the Local provider: nothing leaves the computer', async () => {
    const result = await run('local');
    assert.equal(result?.provider, 'local');
    assert.match(result.text!.fullText, /In teaching our courses/);
  });
});

