import path from 'node:path';
import * as vscode from 'vscode';
import type * as ProbeModuleType from '../images/probe.js';
import { lazyModule } from '../services/lazyModule';
import { UserError } from '../shared/errors';
import { baseName } from '../shared/baseName';
import type { ImageSource } from '../images/imageSource';

/**
 * Checks that a URI names a readable image file without reading a byte of it (URI, existence,
 * type, size), and resolves with the function that then reads it and probes its header: the
 * format (from the bytes, never the name), the dimensions and the orientation, before anything
 * is decoded. A multi-selection is checked up front but holds one file in memory at a time. Bad
 * input never reaches a provider; every refusal is a UserError naming the file and the cause.
 */
export async function checkImage(uri: vscode.Uri, maxFileSizeMB: number): Promise<() => Promise<ImageSource>> {
  const name = baseName(uri);
  const fail = (message: string) => new UserError(message, name);
  if (uri.scheme === 'untitled') {
    throw fail(vscode.l10n.t('"{0}" is an unsaved document, not an image file.', name));
  }
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      throw fail(vscode.l10n.t('"{0}" does not exist (it may have been moved or deleted).', name));
    }
    if (isNoProvider(error)) {
      throw fail(vscode.l10n.t('Cannot read "{0}": no file system is available for "{1}:" URIs.', name, uri.scheme));
    }
    throw fail(vscode.l10n.t('Cannot read "{0}": {1}', name, error instanceof Error ? error.message : String(error)));
  }
  if (stat.type & vscode.FileType.Directory) {
    throw fail(vscode.l10n.t('"{0}" is a folder, not an image file.', name));
  }
  if (!(stat.type & vscode.FileType.File)) {
    throw fail(vscode.l10n.t('"{0}" is not a regular file.', name));
  }
  if (stat.size === 0) {
    throw fail(vscode.l10n.t('"{0}" is empty (0 bytes).', name));
  }
  refuseIfTooLarge(name, stat.size, maxFileSizeMB);
  return async () => {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      throw fail(vscode.l10n.t('Cannot read "{0}": {1}', name, error instanceof Error ? error.message : String(error)));
    }
    // Again on what was read: the file may have grown since `stat`, or a file system may report less.
    refuseIfTooLarge(name, bytes.byteLength, maxFileSizeMB);
    const probe = await loadProbe().probeImage(bytes, name, vscode.l10n.t);
    return { uri: uri.toString(), name, size: bytes.byteLength, ...probe, read: () => Promise.resolve(bytes) };
  };
}

/** An image that is not a file (pasted from the clipboard): the same size limit and header checks. */
export async function imageFromBytes(bytes: Uint8Array, name: string, uri: string, maxFileSizeMB: number): Promise<ImageSource> {
  refuseIfTooLarge(name, bytes.byteLength, maxFileSizeMB);
  const probe = await loadProbe().probeImage(bytes, name, vscode.l10n.t);
  return { uri, name, size: bytes.byteLength, ...probe, read: () => Promise.resolve(bytes) };
}

/** The one size limit (imageInsight.maxFileSizeMB), for files and pasted images alike. */
function refuseIfTooLarge(name: string, bytes: number, maxFileSizeMB: number): void {
  if (bytes <= maxFileSizeMB * 1024 * 1024) return;
  throw new UserError(vscode.l10n.t('"{0}" is {1} MB, over the {2} MB limit (setting imageInsight.maxFileSizeMB).', name, (bytes / 1024 / 1024).toFixed(1), maxFileSizeMB), name);
}

/** VS Code's error when no file system provider serves a URI's scheme. */
function isNoProvider(error: unknown): boolean {
  return (
    (error instanceof vscode.FileSystemError && error.code === 'Unavailable') ||
    (error instanceof Error && /ENOPRO|no file ?system provider/i.test(error.message))
  );
}

/**
 * The header parsers (image-size, exifr: ~90 KB) live in dist/probe.js, loaded on first use, so
 * that activating the extension does not even parse them.
 */
const loadProbe = lazyModule<typeof ProbeModuleType>(path.join(__dirname, 'probe.js'));
