import * as vscode from 'vscode';
import type { AnalysisService } from '../analysis/analysisService';
import { imageFromBytes } from '../analysis/imageTarget';
import type { ConfigService } from '../services/config';
import type { Log } from '../services/log';
import { reportFailure } from '../services/reportFailure';
import type { AnalysisResult } from '../shared/analysisResult';
import { textOf } from '../text/resultText';

/**
 * The slice of VS Code's paste API (stable since 1.97) this uses. The extension supports VS Code
 * 1.90, so the API is looked up at run time and the feature is simply absent on older versions.
 */
interface PasteEdit {
  insertText: string;
}
interface PasteApi {
  registerDocumentPasteEditProvider(
    selector: vscode.DocumentSelector,
    provider: {
      provideDocumentPasteEdits(document: vscode.TextDocument, ranges: readonly vscode.Range[], data: vscode.DataTransfer, context: unknown, token: vscode.CancellationToken): Promise<PasteEdit[] | undefined>;
      resolveDocumentPasteEdit(edit: PasteEdit, token: vscode.CancellationToken): Promise<PasteEdit>;
    },
    metadata: { providedPasteEditKinds: readonly unknown[]; pasteMimeTypes: readonly string[] },
  ): vscode.Disposable;
}
interface PasteTypes {
  DocumentPasteEdit: new (insertText: string, title: string, kind: unknown) => PasteEdit;
  DocumentDropOrPasteEditKind: { Text: { append(...parts: string[]): unknown } };
}

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/tiff'];

/**
 * "Paste Image as Text": when an image is pasted into a text editor, one of the paste options
 * inserts its recognized text (with the same layout as Insert Text), read by the current
 * provider — Local, offline, by default. The image is read only when that option is chosen.
 */
export function registerPasteImageAsText(analysis: AnalysisService, config: ConfigService, log: Log): vscode.Disposable {
  const api = vscode.languages as unknown as Partial<PasteApi>;
  const types = vscode as unknown as Partial<PasteTypes>;
  if (!api.registerDocumentPasteEditProvider || !types.DocumentPasteEdit || !types.DocumentDropOrPasteEditKind) {
    log.info('paste image as text: this VS Code has no paste API (1.97+), the option is not offered');
    return new vscode.Disposable(() => undefined);
  }
  const { DocumentPasteEdit } = types;
  const title = vscode.l10n.t('Paste Image as Text');
  const kind = types.DocumentDropOrPasteEditKind.Text.append('imageInsight', 'recognizedText');
  const pending = new WeakMap<PasteEdit, { bytes: Uint8Array; name: string }>();
  return api.registerDocumentPasteEditProvider(
    '*',
    {
      async provideDocumentPasteEdits(_document, _ranges, data) {
        for (const mime of IMAGE_TYPES) {
          const file = data.get(mime)?.asFile();
          if (!file) continue;
          // The data transfer lives only as long as this call: keep the bytes for resolve.
          const bytes = await file.data();
          const edit = new DocumentPasteEdit('', vscode.l10n.t('Insert Recognized Text (Image Insight)'), kind);
          pending.set(edit, { bytes, name: file.name || vscode.l10n.t('pasted image') });
          return [edit];
        }
        return undefined;
      },
      async resolveDocumentPasteEdit(edit, token) {
        const image = pending.get(edit);
        if (!image) return edit;
        try {
          const source = await imageFromBytes(image.bytes, image.name, `clipboard:${encodeURIComponent(image.name)}`, config.current.maxFileSizeMB);
          const result = (await analysis.analyze({ images: [source], features: ['text'], interactive: false, title, token })) as AnalysisResult;
          edit.insertText = result.text ? textOf(result.text, new Map()) : '';
        } catch (error) {
          if (token.isCancellationRequested) return edit;
          reportFailure(error, { source: 'paste image as text', title, log, show: true });
        }
        return edit;
      },
    },
    { providedPasteEditKinds: [kind], pasteMimeTypes: IMAGE_TYPES },
  );
}
