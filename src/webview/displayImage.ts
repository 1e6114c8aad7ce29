import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { checkImage } from '../analysis/imageTarget';
import { MIME, type ImageFormat } from '../images/formats';
import type { ProviderLimits } from '../images/limits';
import type { ImagePreparer } from '../images/preparer';
import { uprightSize } from '../images/transform';
import { messageOf } from '../shared/errors';
import type { Log } from '../services/log';
import type { ImageInfo } from '../shared/analysisResult';

/** Formats Chromium's <img> shows as they are (it also applies the EXIF orientation itself). */
const SHOWN_AS_IS: readonly ImageFormat[] = ['jpeg', 'png', 'gif', 'webp', 'bmp'];

/**
 * Above this many pixels the panel gets a downscaled copy: Chromium keeps every decoded image in
 * memory (a 50 MP photo is 200 MB of RGBA), and no screen shows more than ~8 MP anyway.
 */
export const DISPLAY_MAX_PIXELS = 16_000_000;

const DISPLAY_LIMITS: ProviderLimits = {
  name: 'display',
  accepts: SHOWN_AS_IS,
  encodeAs: 'jpeg',
  maxBytes: 64 * 1024 * 1024,
  maxPixels: 8_000_000,
  minWidth: 1,
  minHeight: 1,
};

/**
 * Where the display copy of one version of an image goes: named after the image and its content
 * (the analysis' SHA-256), so a copy made once is found again for the same image.
 */
function displayCopyUri(folder: vscode.Uri, image: vscode.Uri, version: string): vscode.Uri {
  const key = createHash('sha256').update(`${image.toString()}\n${version}`).digest('hex').slice(0, 32);
  return vscode.Uri.joinPath(folder, `${key}.jpg`);
}

/** A version of a file for results that carry no hash (another extension's provider): its size and time. */
async function fileVersion(image: vscode.Uri): Promise<string> {
  const stat = await vscode.workspace.fs.stat(image);
  return `${stat.size}\n${stat.mtime}`;
}

/** What the panel shows (the host reads it and sends the bytes): the file itself or a display copy, which the panel deletes when it closes. */
export interface DisplayImage {
  uri: vscode.Uri;
  copy: boolean;
}

/**
 * The image as the panel should show it: the file itself when Chromium can show it cheaply,
 * otherwise an upright, downscaled JPEG made by the image worker into `folder` (TIFF, or more
 * than 16 MP). The overlay is drawn in the original's pixels and scaled with the image, so the
 * boxes fit either. Undefined when it cannot be shown (a PDF, or the file is gone): the panel
 * then lists the findings without the picture.
 */
export async function displayImage(image: vscode.Uri, known: ImageInfo, folder: vscode.Uri, preparer: ImagePreparer, maxFileSizeMB: number, log: Log): Promise<DisplayImage | undefined> {
  // What the analysis already learned decides the common case without reading the file again.
  if (SHOWN_AS_IS.some((format) => MIME[format] === known.mime) && known.width * known.height > 0 && known.width * known.height <= DISPLAY_MAX_PIXELS) {
    return { uri: image, copy: false };
  }
  try {
    const source = await (await checkImage(image, maxFileSizeMB))();
    const upright = uprightSize(source, source.orientation);
    if (SHOWN_AS_IS.includes(source.format) && upright.width * upright.height <= DISPLAY_MAX_PIXELS) return { uri: image, copy: false };
    if (source.format === 'pdf') return undefined;
    const target = displayCopyUri(folder, image, known.sha256 || (await fileVersion(image)));
    try {
      await vscode.workspace.fs.stat(target);
      return { uri: target, copy: true };
    } catch {
      // not made yet
    }
    const prepared = await preparer.prepare(source, DISPLAY_LIMITS);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(target, prepared.bytes);
    log.info(`results panel: display copy of ${source.name} (${upright.width}×${upright.height}, ${source.format}) in ${prepared.prepareMs.toFixed(0)} ms`);
    return { uri: target, copy: true };
  } catch (error) {
    log.warn(`results panel: cannot show ${image.path.split('/').pop() ?? ''}: ${messageOf(error)}`);
    return undefined;
  }
}
