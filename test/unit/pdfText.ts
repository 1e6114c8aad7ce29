/**
 * Reads a PDF back the way a reader does, with pdf.js (pdfjs-dist's legacy build, the one for
 * Node): each page's size, its text items (the text a reader finds, selects and copies, with
 * where it stands) and whether an image is drawn on it.
 */

export interface PdfTextItem {
  str: string;
  /** The baseline's start in PDF points (origin bottom left). */
  x: number;
  y: number;
  /** The baseline's unit direction. */
  dx: number;
  dy: number;
  /** Length along the baseline, and height, in points. */
  width: number;
  height: number;
}

export interface PdfPageText {
  width: number;
  height: number;
  items: PdfTextItem[];
  drawsImage: boolean;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPageText[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes the buffer over: give it a copy. verbosity 0: its warnings would fail nothing.
  const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const pages: PdfPageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent({ disableNormalization: true });
    const items: PdfTextItem[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [a, b, , , e, f] = item.transform as [number, number, number, number, number, number];
      const scale = Math.hypot(a, b);
      items.push({ str: item.str, x: e, y: f, dx: a / scale, dy: b / scale, width: item.width, height: item.height });
    }
    const operators = await page.getOperatorList();
    pages.push({ width: x1 - x0, height: y1 - y0, items, drawsImage: operators.fnArray.includes(pdfjs.OPS.paintImageXObject) });
  }
  await doc.destroy();
  return pages;
}
