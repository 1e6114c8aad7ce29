/**
 * Synthetic OCR API (recognizeText) pages. Unlike batchAnalyze, the recorded OCR bodies print
 * zeros and empty lists (`"startIndex":"0"`, `"entities":[]`, `"page":"0"`), so nothing is
 * omitted here. The newest `page`-family bodies add orientation/layoutType/rotate/markdown/pictures;
 * the `handwritten` and `table` bodies do not, and neither do these.
 */
import { type Seeded } from './image';
import { type Box, hull, layoutPage, type SynthBlock, word, chooseLanguage } from './layout';
import { polygon } from './visionAnswers';

const box = (b: Box): object => polygon(b, false);
const seg = (startIndex: number, length: number): object[] => [{ startIndex: String(startIndex), length: String(length) }];

/** Newest-format models: the ones whose documented bodies carry the layout fields. */
const NEW_FORMAT = new Set(['page', 'page-column-sort', 'markdown', 'math-markdown']);

/** Blocks → wire blocks, with fullText built alongside so every textSegment indexes into it. */
function render(blocks: SynthBlock[], newFormat: boolean): { wire: object[]; fullText: string } {
  let fullText = '';
  const wire = blocks.map((b) => {
    const blockStart = fullText.length;
    const lines = b.lines.map((l) => {
      const lineStart = fullText.length;
      const words = l.words.map((w, i) => {
        if (i > 0) fullText += ' ';
        const start = fullText.length;
        fullText += w.text;
        return { boundingBox: box(w.box), text: w.text, entityIndex: '-1', textSegments: seg(start, w.text.length) };
      });
      const text = fullText.slice(lineStart);
      fullText += '\n';
      return { boundingBox: box(l.box), text, words, textSegments: seg(lineStart, text.length), ...(newFormat ? { orientation: 'ANGLE_0' } : {}) };
    });
    return {
      boundingBox: box(b.box),
      lines,
      languages: [{ languageCode: b.language }],
      textSegments: seg(blockStart, fullText.length - 1 - blockStart),
      ...(newFormat ? { layoutType: 'LAYOUT_TYPE_TEXT' } : {}),
    };
  });
  return { wire, fullText };
}

/** A grid of one-word cells, each cell its own block, as the documented table body has it. */
function table(rng: Seeded, width: number, height: number, codes: readonly string[]): { blocks: SynthBlock[]; table: object; cellTexts: string[] } {
  const rows = rng.int(2, 4);
  const cols = rng.int(2, 3);
  const margin = Math.round(Math.min(width, height) * 0.05);
  const cw = Math.max(2, Math.floor((width - 2 * margin) / cols));
  const rh = Math.max(2, Math.floor((height - 2 * margin) / rows));
  const language = chooseLanguage(rng, codes);
  const blocks: SynthBlock[] = [];
  const cells: { cell: Box; text: string; r: number; c: number }[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cell = { x0: margin + c * cw, y0: margin + r * rh, x1: margin + (c + 1) * cw, y1: margin + (r + 1) * rh };
      const text = word(rng, language);
      const inner = { x0: cell.x0 + 1, y0: cell.y0 + 1, x1: Math.max(cell.x0 + 2, cell.x1 - 1), y1: Math.max(cell.y0 + 2, cell.y1 - 1) };
      blocks.push({ box: inner, language, lines: [{ box: inner, confidence: 0.9, words: [{ box: inner, text, language, confidence: 0.9 }] }] });
      cells.push({ cell, text, r, c });
    }
  }
  const outline = hull(cells.map((c) => c.cell));
  return {
    blocks,
    cellTexts: cells.map((c) => c.text),
    table: {
      boundingBox: box(outline),
      rowCount: String(rows),
      columnCount: String(cols),
      cells: cells.map(({ cell, text, r, c }) => ({ boundingBox: box(cell), rowIndex: String(r), columnIndex: String(c), columnSpan: '1', rowSpan: '1', text })),
    },
  };
}

/** One page's `textAnnotation` for the given model. */
export function textAnnotation(rng: Seeded, width: number, height: number, codes: readonly string[], model: string): object {
  const newFormat = NEW_FORMAT.has(model);
  let blocks: SynthBlock[];
  let tables: object[] = [];
  if (model === 'table') {
    const t = table(rng, width, height, codes);
    blocks = t.blocks;
    tables = [t.table];
  } else {
    blocks = layoutPage(rng, width, height, codes, { columns: model === 'page-column-sort' ? 2 : 1 });
    if (model === 'page') blocks.sort((a, b) => a.box.y0 - b.box.y0); // reading order by rows
  }
  const { wire, fullText } = render(blocks, newFormat);
  if (tables.length > 0) attachCellSegments(tables[0] as { cells: { text: string; textSegments?: object[] }[] }, fullText);
  const annotation: Record<string, unknown> = { width: String(width), height: String(height), blocks: wire, entities: [], tables, fullText };
  if (newFormat) {
    annotation.rotate = 'ANGLE_0';
    annotation.markdown = markdownOf(blocks, model);
    annotation.pictures = [];
  }
  return annotation;
}

/** Cell text segments point at the cell's word in fullText (cells are rendered in order). */
function attachCellSegments(t: { cells: { text: string; textSegments?: object[] }[] }, fullText: string): void {
  let from = 0;
  for (const cell of t.cells) {
    const at = fullText.indexOf(cell.text, from);
    cell.textSegments = seg(at, cell.text.length);
    from = at + cell.text.length;
  }
}

/** The `page` models leave markdown as a single space (as documented); the markdown models fill it. */
function markdownOf(blocks: SynthBlock[], model: string): string {
  if (model !== 'markdown' && model !== 'math-markdown') return ' ';
  const paragraphs = blocks.map((b, i) => {
    const text = b.lines.map((l) => l.words.map((w) => w.text).join(' ')).join(' ');
    return i === 0 ? `# ${text}` : text;
  });
  if (model === 'math-markdown') paragraphs.push(`$$ E = m c^{${blocks.length + 1}} $$`);
  return paragraphs.join('\n\n') + '\n';
}
