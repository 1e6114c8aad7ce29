import type { AnalysisResult, Block, Line, Page, Word } from '../shared/analysisResult';
import { boundingBox, hull, type Polygon } from '../shared/geometry';
import type { NamedResult } from './namedResult';
import { baselineAngle, textQuad } from './textQuad';
import { xmlText } from './xmlText';

/**
 * hOCR export (hOCR 1.2, as XHTML): one `ocr_page` per image (per page of its text, for a
 * provider that gives several), each block an `ocr_carea` holding one `ocr_par`, then `ocr_line`
 * and `ocrx_word` with their `bbox`, the words' `x_wconf` and `lang`. hOCR's boxes are
 * axis-aligned, so a rotated word's or line's quadrilateral becomes the box around it, clamped to
 * the image (Google's boxes may start a few pixels outside); a rotated line also says by how much
 * in `textangle`, which lets a reader turn it back.
 */
export function hocr(result: AnalysisResult, name: string): string {
  return combinedHocr([{ result, name }]);
}

/** Many results in one hOCR document, their pages one after the other, numbered through. */
export function combinedHocr(results: readonly NamedResult[]): string {
  const pages: string[] = [];
  for (const { result, name } of results) {
    const textPages: Array<Page | undefined> = result.text && result.text.pages.length > 0 ? result.text.pages : [undefined];
    for (const page of textPages) pages.push(pageHocr(result, name, page, pages.length + 1));
  }
  const providers = [...new Set(results.map(({ result }) => result.provider))].join(', ');
  const title = results.length === 1 ? results[0]!.name : `${results.length} images`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
    '<html xmlns="http://www.w3.org/1999/xhtml">',
    '<head>',
    `<title>${xmlText(title)}</title>`,
    '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
    `<meta name="ocr-system" content="${xmlText(`Image Insight (${providers})`)}"/>`,
    // Every capability listed here may appear; the spec reads one not listed as never present.
    '<meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf ocrp_lang"/>',
    `<meta name="ocr-number-of-pages" content="${pages.length}"/>`,
    '</head>',
    '<body>',
    ...pages,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The size the boxes are clamped to: the upright image, or the text page when the image's is unknown. */
interface Frame {
  width: number;
  height: number;
}

function pageHocr(result: AnalysisResult, name: string, page: Page | undefined, number: number): string {
  const frame: Frame = result.image.width > 0 && result.image.height > 0 ? result.image : { width: page?.width ?? 0, height: page?.height ?? 0 };
  const title = `image "${imageName(name)}"; bbox 0 0 ${Math.round(frame.width)} ${Math.round(frame.height)}; ppageno ${number - 1}`;
  const ids = { block: 0, line: 0, word: 0 };
  const blocks = (page?.blocks ?? []).map((block) => blockHocr(block, frame, number, ids));
  return [`<div class="ocr_page" id="page_${number}" title="${xmlText(title)}">`, ...blocks, '</div>'].join('\n');
}

function blockHocr(block: Block, frame: Frame, page: number, ids: { block: number; line: number; word: number }): string {
  const id = `${page}_${++ids.block}`;
  const linePolygons = block.lines.map(lineOutline);
  const box = bbox(block.polygon.length > 0 ? block.polygon : hull(linePolygons), frame);
  const lines = block.lines.map((line, index) => lineHocr(line, linePolygons[index]!, frame, page, ids));
  return [` <div class="ocr_carea" id="block_${id}" title="${box}">`, `  <p class="ocr_par" id="par_${id}" title="${box}">`, ...lines, '  </p>', ' </div>'].join('\n');
}

function lineHocr(line: Line, outline: Polygon, frame: Frame, page: number, ids: { line: number; word: number }): string {
  const angle = Math.round(lineAngle(line, outline));
  const title = `${bbox(outline, frame)}${angle === 0 ? '' : `; textangle ${angle}`}`;
  // A line the provider gave without words still carries its text.
  const content = line.words.length > 0 ? line.words.map((word) => wordHocr(word, frame, page, ids)).join(' ') : xmlText(line.text);
  return `   <span class="ocr_line" id="line_${page}_${++ids.line}" title="${title}">${content}</span>`;
}

function wordHocr(word: Word, frame: Frame, page: number, ids: { word: number }): string {
  const confidence = word.confidence === undefined ? '' : `; x_wconf ${Math.round(Math.max(0, Math.min(1, word.confidence)) * 100)}`;
  // Only a well-formed language tag goes into the attribute (some providers say "*" or "").
  const lang = word.language !== undefined && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(word.language) ? ` lang="${word.language}" xml:lang="${word.language}"` : '';
  return `<span class="ocrx_word" id="word_${page}_${++ids.word}" title="${bbox(word.polygon, frame)}${confidence}"${lang}>${xmlText(word.text)}</span>`;
}

/**
 * How far a line is turned: the mean of its words' baselines (a line's own outline is often just
 * the box around its words, which says nothing of the angle), else its outline's.
 */
function lineAngle(line: Line, outline: Polygon): number {
  const quads = line.words.map((w) => textQuad(w.polygon)).filter((q) => q !== undefined);
  if (quads.length === 0) {
    const quad = textQuad(outline);
    return quad ? baselineAngle(quad) : 0;
  }
  // A circular mean: the angles of words either side of ±180° must not average to 0.
  const radians = quads.map((q) => (baselineAngle(q) * Math.PI) / 180);
  const x = radians.reduce((sum, a) => sum + Math.cos(a), 0);
  const y = radians.reduce((sum, a) => sum + Math.sin(a), 0);
  return (Math.atan2(y, x) * 180) / Math.PI;
}

/** A line's outline: its own, or the box around its words when the provider gave none. */
function lineOutline(line: Line): Polygon {
  return line.polygon.length > 0 ? line.polygon : hull(line.words.map((w) => w.polygon));
}

/** hOCR's `bbox x0 y0 x1 y1`: whole pixels covering the outline, inside the frame. */
function bbox(polygon: Polygon, frame: Frame): string {
  const b = boundingBox(polygon);
  const clamp = (value: number, max: number) => Math.max(0, max > 0 ? Math.min(max, value) : value);
  const x0 = clamp(Math.floor(b.x), frame.width);
  const y0 = clamp(Math.floor(b.y), frame.height);
  const x1 = Math.max(x0, clamp(Math.ceil(b.x + b.width), frame.width));
  const y1 = Math.max(y0, clamp(Math.ceil(b.y + b.height), frame.height));
  return `bbox ${x0} ${y0} ${x1} ${y1}`;
}

/**
 * The `image` property's value is a double-quoted string, and hOCR readers split properties at
 * `;`: those two, `%` and control characters are percent-encoded (the value is meant to be a
 * path or a URL, where that reads back).
 */
function imageName(name: string): string {
  return name.replace(/[%";\p{Cc}]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
