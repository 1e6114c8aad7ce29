import { polygonToOriginal, type ImageTransform } from '../../images/transform';
import type { Block, Line, TextResult, Word } from '../../shared/analysisResult';
import type { Polygon } from '../../shared/geometry';
import { apply, type Affine } from './prepare/affine';

/**
 * tesseract.js's page (the `blocks` output) → the normalized text result. Pure. Each tesseract
 * paragraph becomes a block (paragraphs, not tesseract's layout blocks, are what a reader calls
 * a block: blank lines go between them); boxes are mapped from the pixels sent to the engine
 * back (through the page preparation's `toSent`, when there was one) to the upright original; confidences go from 0–100 to 0–1; empty words are dropped.
 */

/** The parts of tesseract.js's output this reads (its types, narrowed). */
export interface TesseractBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface TesseractWord {
  text: string;
  confidence: number;
  bbox: TesseractBox;
}
export interface TesseractLine {
  text: string;
  confidence: number;
  bbox: TesseractBox;
  words: TesseractWord[];
}
export interface TesseractParagraph {
  bbox: TesseractBox;
  lines: TesseractLine[];
}
export interface TesseractPage {
  text: string;
  blocks: Array<{ paragraphs: TesseractParagraph[] }> | null;
}

export function parseTesseractPage(page: TesseractPage, transform: ImageTransform, size: { width: number; height: number }, language?: string, toSent?: Affine): TextResult {
  // A box of the prepared page (turned, deskewed, scaled) is a turned quadrilateral of the sent picture.
  const corner = toSent ? (x: number, y: number) => apply(toSent, { x, y }) : (x: number, y: number) => ({ x, y });
  const box = (b: TesseractBox): Polygon => polygonToOriginal(transform, [corner(b.x0, b.y0), corner(b.x1, b.y0), corner(b.x1, b.y1), corner(b.x0, b.y1)]);
  const confidence = (value: number) => Math.max(0, Math.min(1, value / 100));
  const blocks: Block[] = [];
  for (const tesseractBlock of page.blocks ?? []) {
    for (const paragraph of tesseractBlock.paragraphs) {
      const lines: Line[] = [];
      for (const line of paragraph.lines) {
        const words: Word[] = line.words
          .filter((w) => w.text.trim() !== '')
          .map((w) => ({ text: w.text, polygon: box(w.bbox), confidence: confidence(w.confidence), ...(language ? { language } : {}) }));
        if (words.length === 0) continue;
        lines.push({ text: line.text.replace(/\s+$/, ''), polygon: box(line.bbox), confidence: confidence(line.confidence), words });
      }
      if (lines.length > 0) blocks.push({ polygon: box(paragraph.bbox), lines });
    }
  }
  return { fullText: page.text.replace(/\s+$/, ''), pages: [{ width: size.width, height: size.height, blocks }] };
}
