import * as vscode from 'vscode';
import { MIME, sniffFormat } from '../images/formats';
import type { Log } from '../services/log';
import { messageOf } from '../shared/errors';
import { PANEL_IMAGE_TYPES, type PanelImage, type PanelImageType } from '../shared/protocol';

/**
 * A picture's bytes for a panel, read again for each post rather than kept: a panel may stay open
 * for hours, and a hidden one needs nothing in memory. Undefined (the panel then says the image
 * cannot be shown) when it is gone or is not a raster type the webview may decode.
 */
export async function panelPicture(file: vscode.Uri, log: Log, panel: string): Promise<PanelImage | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(file);
    const format = sniffFormat(bytes);
    const mime = format ? MIME[format] : undefined;
    return mime && (PANEL_IMAGE_TYPES as readonly string[]).includes(mime) ? { base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), mime: mime as PanelImageType } : undefined;
  } catch (error) {
    log.warn(`${panel}: cannot read the picture to show: ${messageOf(error)}`);
    return undefined;
  }
}
