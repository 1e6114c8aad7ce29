import * as vscode from 'vscode';
import { UserError } from '../shared/errors';
import { baseName, IMAGE_EXTENSION } from '../commands/commandArgs';
import type { ImageSource } from '../providers/types';

/**
 * Checks that a URI names a readable image file — before a single byte is read, so that bad
 * input never reaches a provider — and returns a lazy source for it. Every refusal is a
 * UserError naming the file and the cause.
 */
export async function openImage(uri: vscode.Uri, maxFileSizeMB: number): Promise<ImageSource> {
  const name = baseName(uri);
  const fail = (message: string) => new UserError(message, name);
  if (uri.scheme === 'untitled') {
    throw fail(vscode.l10n.t('"{0}" is an unsaved document, not an image file.', name));
  }
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) === undefined) {
    throw fail(vscode.l10n.t('Cannot read "{0}": no file system is available for "{1}:" URIs.', name, uri.scheme));
  }
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      throw fail(vscode.l10n.t('"{0}" does not exist (it may have been moved or deleted).', name));
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
  if (stat.size > maxFileSizeMB * 1024 * 1024) {
    throw fail(
      vscode.l10n.t(
        '"{0}" is {1} MB, over the {2} MB limit (setting imageInsight.maxFileSizeMB).',
        name,
        (stat.size / 1024 / 1024).toFixed(1),
        maxFileSizeMB,
      ),
    );
  }
  if (!IMAGE_EXTENSION.test(name)) {
    throw fail(vscode.l10n.t('"{0}" is not an image file Image Insight can read (PNG, JPEG, GIF, WebP, BMP or TIFF).', name));
  }
  return {
    uri: uri.toString(),
    name,
    size: stat.size,
    read: async () => {
      try {
        return await vscode.workspace.fs.readFile(uri);
      } catch (error) {
        throw fail(vscode.l10n.t('Cannot read "{0}": {1}', name, error instanceof Error ? error.message : String(error)));
      }
    },
  };
}
