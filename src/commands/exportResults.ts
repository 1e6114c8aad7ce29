import path from 'node:path';
import * as vscode from 'vscode';
import type { ImagePreparer } from '../images/preparer';
import type { ProviderLimits } from '../images/limits';
import { checkImage } from '../analysis/imageTarget';
import type { ConfigService } from '../services/config';
import { lazyModule } from '../services/lazyModule';
import type { AnalysisResult } from '../shared/analysisResult';
import { CancelledError, UserError } from '../shared/errors';
import type * as ExportBundle from '../export/exportBundle';

/** The formats, their file extension and how each is made. */
export const EXPORT_FORMATS = ['text', 'markdown', 'json', 'hocr', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const EXTENSION: Record<ExportFormat, string> = { text: 'txt', markdown: 'md', json: 'json', hocr: 'hocr', pdf: 'pdf' };

/** What a PDF page's picture may be: JPEG or PNG, any size (a page is scaled, not the image). */
const PDF_IMAGE: ProviderLimits = { name: 'PDF', accepts: ['jpeg', 'png'], encodeAs: 'png', maxBytes: 512 * 1024 * 1024, maxPixels: 200_000_000, minWidth: 1, minHeight: 1 };

export interface ExportRequest {
  results: AnalysisResult[];
  format: ExportFormat;
  /** One file for every image, or one file per image beside each other in `target`. */
  combined: boolean;
  /** The file (combined) or the folder (one per image). */
  target: vscode.Uri;
}

export interface ExportDeps {
  distPath: string;
  preparer: ImagePreparer;
  config: ConfigService;
}

/**
 * Writes results in one of the export formats: one combined file, or one file per image named
 * after it (`scan.png` → `scan.png.md`, so two images that differ only in extension do not
 * collide). Results that failed are left out; the files written are returned.
 */
export async function exportResults(request: ExportRequest, deps: ExportDeps, token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const exporters = lazyModule<typeof ExportBundle>(path.join(deps.distPath, 'export.js'))();
  const usable = request.results.filter((r) => !r.errors.some((e) => e.feature === '*'));
  if (usable.length === 0) throw new UserError(vscode.l10n.t('There is nothing to export: none of these images has a result.'));
  const named = usable.map((result) => ({ result, name: nameOf(result) }));
  const encode = (text: string) => new TextEncoder().encode(text);
  const write = async (uri: vscode.Uri, bytes: Uint8Array) => {
    if (token?.isCancellationRequested) throw new CancelledError();
    await vscode.workspace.fs.writeFile(uri, bytes);
    return uri;
  };
  const pages = async (results: AnalysisResult[]) => Promise.all(results.map(async (result) => ({ result, image: await pageImage(result, deps, token) })));

  // Each text format for one image and for several; the PDF takes the pictures too.
  const texts: Record<Exclude<ExportFormat, 'pdf'>, { one: (r: AnalysisResult, name: string) => string; all: (named: ExportBundle.NamedResult[]) => string }> = {
    text: { one: (r) => exporters.plainText(r), all: exporters.combinedPlainText },
    markdown: { one: exporters.markdown, all: exporters.combinedMarkdown },
    json: { one: (r) => exporters.json(r), all: (n) => exporters.combinedJson(n) },
    hocr: { one: exporters.hocr, all: exporters.combinedHocr },
  };
  const { format } = request;
  if (request.combined) {
    const bytes = format === 'pdf' ? await exporters.searchablePdf(await pages(usable)) : encode(texts[format].all(named));
    return [await write(request.target, bytes)];
  }
  const written: vscode.Uri[] = [];
  const taken = new Set<string>();
  for (const { result, name: base } of named) {
    // Two images of one name from different folders must not overwrite each other's file.
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    taken.add(name.toLowerCase());
    const bytes = format === 'pdf' ? await exporters.searchablePdf(await pages([result])) : encode(texts[format].one(result, base));
    written.push(await write(vscode.Uri.joinPath(request.target, `${name}.${EXTENSION[format]}`), bytes));
  }
  return written;
}

/** The file name a format gives a combined export by default. */
export function combinedName(format: ExportFormat): string {
  return `image-insight-results.${EXTENSION[format]}`;
}

function nameOf(result: AnalysisResult): string {
  const uri = vscode.Uri.parse(result.image.uri);
  return uri.path.split('/').pop() || 'image';
}

/**
 * A PDF page's picture: a JPEG or PNG as it is (with its EXIF orientation for the page to apply),
 * anything else re-encoded to PNG by the image worker. Read from where the result says the image
 * is; a picture that is gone is an error naming it.
 */
async function pageImage(result: AnalysisResult, deps: ExportDeps, token?: vscode.CancellationToken): Promise<ExportBundle.PdfPageSource['image']> {
  const uri = vscode.Uri.parse(result.image.uri);
  const source = await (await checkImage(uri, deps.config.current.maxFileSizeMB))();
  const prepared = await deps.preparer.prepare(source, PDF_IMAGE, token, { metadata: 'keep' });
  const mime = prepared.mime === 'image/jpeg' ? 'image/jpeg' : 'image/png';
  return { bytes: prepared.bytes, mime, ...(prepared.transform.sentAs === 'stored' ? { orientation: prepared.transform.orientation } : {}) };
}
