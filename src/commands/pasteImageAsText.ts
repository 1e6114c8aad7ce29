import * as vscode from 'vscode';
import type { AnalysisService } from '../analysis/analysisService';
import { imageFromBytes } from '../analysis/imageTarget';
import type { ConfigService } from '../services/config';
import type { Log } from '../services/log';
import { reportFailure } from '../services/reportFailure';
import type { AnalysisResult } from '../shared/analysisResult';
import { textOf } from '../text/resultText';
import { pasteAskedForUs } from './pasteConsent';

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
      provideDocumentPasteEdits(document: vscode.TextDocument, ranges: readonly vscode.Range[], data: vscode.DataTransfer, context: PasteContext | undefined, token: vscode.CancellationToken): Promise<PasteEdit[] | undefined>;
      resolveDocumentPasteEdit(edit: PasteEdit, token: vscode.CancellationToken): Promise<PasteEdit>;
    },
    metadata: { providedPasteEditKinds: readonly unknown[]; pasteMimeTypes: readonly string[] },
  ): vscode.Disposable;
}
/** DocumentPasteEditContext: triggerKind is Automatic (0) for a plain paste, PasteAs (1) for Paste As…. */
interface PasteContext {
  readonly triggerKind?: number;
}
interface PasteTypes {
  DocumentPasteEdit: new (insertText: string, title: string, kind: unknown) => PasteEdit;
  DocumentDropOrPasteEditKind: { Text: { append(...parts: string[]): unknown } };
}

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/tiff'];
const KIND = 'text.imageInsight.recognizedText';

/**
 * `editor.pasteAs.preferences` for this document. In a workspace not trusted, only the user's own
 * settings count: a folder's settings must not turn a plain paste into reading the image.
 */
function pastePreferences(document: vscode.TextDocument): unknown {
  const config = vscode.workspace.getConfiguration('editor', document);
  if (vscode.workspace.isTrusted) return config.get('pasteAs.preferences');
  const user = config.inspect('pasteAs.preferences');
  return user?.globalLanguageValue ?? user?.globalValue;
}

/**
 * "Paste Image as Text": when an image is pasted into a text editor, one of the paste options
 * inserts its recognized text (with the same layout as Insert Text), read by the current
 * provider — Local, offline, by default. The image is read only when that option is chosen, and
 * the option is offered only when the user asks for it (Paste As…, or a paste preference naming
 * it): a plain Ctrl+V applies the only edit offered by itself (see pasteConsent.ts).
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
  const kind = types.DocumentDropOrPasteEditKind.Text.append('imageInsight', 'recognizedText'); // KIND
  const pending = new WeakMap<PasteEdit, { bytes: Uint8Array; name: string }>();
  return api.registerDocumentPasteEditProvider(
    '*',
    {
      async provideDocumentPasteEdits(document, _ranges, data, context) {
        if (!IMAGE_TYPES.some((mime) => data.get(mime))) return undefined;
        if (!pasteAskedForUs(context?.triggerKind, pastePreferences(document), KIND)) {
          log.info('paste image as text: not offered for a plain paste (use Paste As…, or name text.imageInsight in editor.pasteAs.preferences)');
          return undefined;
        }
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
        log.info(`paste image as text: reading ${image.name}`);
        try {
          const source = await imageFromBytes(image.bytes, image.name, `clipboard:${encodeURIComponent(image.name)}`, config.current.maxFileSizeMB);
          const result = (await analysis.analyze({ images: [source], features: ['text'], interactive: false, mayAsk: true, title, token })) as AnalysisResult;
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
