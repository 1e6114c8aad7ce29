import { hull, type Polygon } from '../../shared/geometry';
import type { Block, Copies, FeatureError, FeatureId, Findings, Line, Table, TextResult, Word } from '../../shared/analysisResult';

/**
 * Yandex Vision answers → the normalized result. Pure and tolerant: int64 values arrive as JSON
 * strings and zeros are omitted (PROVIDERS.md §1), documented examples have quirks (the quality
 * classification under `faceDetection`, abridged blocks without boxes, a copy count of "string"),
 * and nothing here may throw on a shape it did not expect — a malformed part becomes absent.
 * `toOriginal` maps each polygon from the sent image back to the picture the user sees.
 */

type Json = Record<string, unknown>;
export type PolygonMap = (polygon: Polygon) => Polygon;

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** An int64 (a JSON string) or a number; omitted → 0, as proto3 JSON omits zeros. */
export const int = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : 0);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function polygonOf(boundingBox: unknown, map: PolygonMap): Polygon {
  const vertices = arr(obj(boundingBox).vertices);
  return vertices.length === 0 ? [] : map(vertices.map((v) => ({ x: int(obj(v).x), y: int(obj(v).y) })));
}

const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/**
 * One image's entry of a batchAnalyze answer (`results[i]`). `features[j]` names what was asked
 * for `results[i].results[j]`, so a per-feature error can say which feature failed.
 */
export function parseBatchAnalyzeResult(entry: unknown, features: FeatureId[], map: PolygonMap, size: { width: number; height: number }): Findings {
  const out: Findings = { errors: [] };
  const fileError = obj(obj(entry).error);
  if (Object.keys(fileError).length > 0) {
    out.errors.push(errorOf('*', fileError));
    return out;
  }
  arr(obj(entry).results).forEach((raw, j) => {
    const result = obj(raw);
    const feature = features[j] ?? '*';
    if (result.error !== undefined) out.errors.push(errorOf(feature, obj(result.error)));
    else if (result.textDetection !== undefined) out.text = batchText(obj(result.textDetection), map, size);
    else if (result.imageCopySearch !== undefined) out.copies = copiesOf(obj(result.imageCopySearch));
    else if (result.classification !== undefined || (result.faceDetection !== undefined && obj(result.faceDetection).properties !== undefined)) {
      // The quality-model doc puts classification properties under `faceDetection`: read them wherever they are.
      const holder = obj(result.classification ?? result.faceDetection);
      out.labels = [...(out.labels ?? []), ...arr(holder.properties).map((p) => ({ name: str(obj(p).name) ?? '', score: num(obj(p).probability) ?? 0, group: 'classification' as const }))];
    } else if (result.faceDetection !== undefined) out.faces = arr(obj(result.faceDetection).faces).map((f) => ({ polygon: polygonOf(obj(f).boundingBox, map) }));
  });
  return out;
}

function errorOf(feature: FeatureId | '*', error: Json): FeatureError {
  return defined({ feature, code: typeof error.code === 'number' || typeof error.code === 'string' ? error.code : undefined, message: str(error.message) ?? '' });
}

function copiesOf(search: Json): Copies {
  const count = int(search.copyCount);
  const matches = arr(search.topResults).map((m) => {
    const match = obj(m);
    return defined({ imageUrl: str(match.imageUrl), pageUrl: str(match.pageUrl) ?? '', title: str(match.title), description: str(match.description) });
  });
  // A count that is not a number (the API template's "string") is not a count.
  return defined({ count: typeof search.copyCount === 'string' && !/^\d+$/.test(search.copyCount) ? undefined : search.copyCount === undefined ? undefined : count, matches });
}

function batchText(detection: Json, map: PolygonMap, size: { width: number; height: number }): TextResult {
  const lineTexts: string[] = [];
  const pages = arr(detection.pages).map((p) => {
    const page = obj(p);
    const blocks: Block[] = arr(page.blocks).map((b) => {
      const block = obj(b);
      const lines: Line[] = arr(block.lines).map((l) => {
        const line = obj(l);
        const words: Word[] = arr(line.words).map((w) => {
          const word = obj(w);
          return defined({ polygon: polygonOf(word.boundingBox, map), text: str(word.text) ?? '', confidence: num(word.confidence), language: str(obj(arr(word.languages)[0]).languageCode) });
        });
        const text = str(line.text) ?? words.map((w) => w.text).join(' ');
        lineTexts.push(text);
        const polygon = polygonOf(line.boundingBox, map);
        return defined({ polygon: polygon.length > 0 ? polygon : hull(words.map((w) => w.polygon)), text, confidence: num(line.confidence), words });
      });
      const polygon = polygonOf(block.boundingBox, map);
      return { polygon: polygon.length > 0 ? polygon : hull(lines.map((l) => l.polygon)), lines };
    });
    return { width: size.width, height: size.height, blocks };
  });
  return { fullText: lineTexts.join('\n'), pages };
}

/**
 * The OCR API's answer (`recognizeText`): JSON Lines, one object per page. Tables go to
 * `text.tables`, the markdown models' Markdown to `text.markdown`; a word's language is its block's.
 */
export function parseRecognizeText(pages: unknown[], map: PolygonMap, size: { width: number; height: number }): TextResult {
  const fullTexts: string[] = [];
  const markdown: string[] = [];
  const tables: Table[] = [];
  const outPages = pages.map((p) => {
    const annotation = obj(obj(obj(p).result).textAnnotation);
    fullTexts.push(str(annotation.fullText) ?? '');
    // The page model sends a lone space here; only the markdown models write real Markdown.
    const pageMarkdown = str(annotation.markdown);
    if (pageMarkdown && pageMarkdown.trim() !== '') markdown.push(pageMarkdown);
    const blocks: Block[] = arr(annotation.blocks).map((b) => {
      const block = obj(b);
      const language = str(obj(arr(block.languages)[0]).languageCode);
      const lines: Line[] = arr(block.lines).map((l) => {
        const line = obj(l);
        const words: Word[] = arr(line.words).map((w) => defined({ polygon: polygonOf(obj(w).boundingBox, map), text: str(obj(w).text) ?? '', language }));
        const polygon = polygonOf(line.boundingBox, map);
        return { polygon: polygon.length > 0 ? polygon : hull(words.map((w) => w.polygon)), text: str(line.text) ?? words.map((w) => w.text).join(' '), words };
      });
      const polygon = polygonOf(block.boundingBox, map);
      return { polygon: polygon.length > 0 ? polygon : hull(lines.map((l) => l.polygon)), lines };
    });
    for (const t of arr(annotation.tables)) {
      const table = obj(t);
      const cells = arr(table.cells).map((c) => {
        const cell = obj(c);
        const span = (v: unknown) => (int(v) > 1 ? int(v) : undefined);
        return defined({ row: int(cell.rowIndex), column: int(cell.columnIndex), rowSpan: span(cell.rowSpan), columnSpan: span(cell.columnSpan), text: str(cell.text) ?? '', polygon: polygonOf(cell.boundingBox, map) });
      });
      tables.push({ polygon: polygonOf(table.boundingBox, map), rows: int(table.rowCount), columns: int(table.columnCount), cells });
    }
    return { width: size.width, height: size.height, blocks };
  });
  return defined({ fullText: fullTexts.join('\n'), pages: outPages, tables: tables.length > 0 ? tables : undefined, markdown: markdown.length > 0 ? markdown.join('\n\n') : undefined });
}
