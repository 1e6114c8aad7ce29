import {
  PDFDocument,
  TextRenderingMode,
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  type PDFImage,
  type PDFName,
  type PDFOperator,
} from 'pdf-lib';
import { allWords, type AnalysisResult, type Word } from '../shared/analysisResult';
import { InvisibleTextFont } from './invisibleTextFont';
import { imageMatrix, pageFit, wordPlacement, type PageFit } from './pdfPlacement';
import { textQuad } from './textQuad';

/** One page of a searchable PDF: a result and the image it was made from. */
export interface PdfPageSource {
  result: AnalysisResult;
  image: {
    /**
     * The image file's bytes. JPEG is embedded as it is (no re-encoding, no loss); PNG through
     * pdf-lib. Other formats (WebP, GIF, BMP, TIFF) are converted to PNG or JPEG by the caller.
     */
    bytes: Uint8Array;
    mime: 'image/jpeg' | 'image/png';
    /**
     * The EXIF orientation (1–8) of the bytes as stored, when they are not upright (a camera
     * JPEG embedded as is): the page turns the image so that it shows as the result's polygons
     * see it. Default 1.
     */
    orientation?: number;
  };
}

/**
 * A searchable PDF: one page per image, the image over the whole page, and each word of its
 * result as invisible text (render mode 3) laid on the word, so that a PDF reader finds, selects
 * and copies the text where it stands on the image. The page is the image at 1 pt per pixel,
 * scaled down to fit A4 (pageFit). The result's polygons, in upright image pixels, place the
 * words; the image is stretched to the result's size if the bytes are a scaled copy. An image
 * without text still makes its page.
 */
export async function searchablePdf(images: readonly PdfPageSource[]): Promise<Uint8Array> {
  if (images.length === 0) throw new Error('A PDF needs at least one image.');
  // No dates or producer by default: the same input makes the same bytes.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreator('Image Insight');
  const font = new InvisibleTextFont(doc);
  for (const source of images) {
    const image = await embed(doc, source.image);
    const orientation = source.image.orientation ?? 1;
    const [uprightWidth, uprightHeight] = orientation >= 5 ? [image.height, image.width] : [image.width, image.height];
    const known = source.result.image.width > 0 && source.result.image.height > 0;
    const fit = pageFit(known ? source.result.image.width : uprightWidth, known ? source.result.image.height : uprightHeight);
    const page = doc.addPage([fit.width, fit.height]);
    const imageName = page.node.newXObject('Image', image.ref);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...imageMatrix(orientation, fit.width, fit.height)), drawObject(imageName), popGraphicsState());

    if (source.result.text) page.pushOperators(...textLayer(allWords(source.result.text), font, fit, () => page.node.newFontDictionary('Ocr', font.ref)));
  }
  font.finish();
  return doc.save();
}

/**
 * The invisible text of a page's words: one `Tj` each, with its own size, stretch and matrix,
 * inside one text object in render mode 3 (neither filled nor stroked). `fontName` adds the font
 * to the page's resources, only when the page has a word to show.
 */
function textLayer(words: Word[], font: InvisibleTextFont, fit: PageFit, fontName: () => PDFName): PDFOperator[] {
  const operators: PDFOperator[] = [];
  let name: PDFName | undefined;
  for (const word of words) {
    const quad = textQuad(word.polygon);
    const { hex, glyphs } = font.encode(word.text);
    // A word with no outline has no place on the page (no provider leaves one out).
    if (!quad || glyphs === 0) continue;
    const placement = wordPlacement(quad, glyphs, fit);
    name ??= fontName();
    operators.push(setFontAndSize(name, placement.fontSize), setCharacterSqueeze(placement.horizontalScale), setTextMatrix(...placement.matrix), showText(hex));
  }
  if (operators.length === 0) return [];
  return [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible), ...operators, endText(), popGraphicsState()];
}


async function embed(doc: PDFDocument, image: PdfPageSource['image']): Promise<PDFImage> {
  switch (image.mime) {
    case 'image/jpeg':
      return doc.embedJpg(image.bytes);
    case 'image/png':
      return doc.embedPng(image.bytes);
    default:
      throw new Error(`A searchable PDF takes JPEG or PNG images, not ${String(image.mime)}: convert it first.`);
  }
}
