import { hull } from '../../shared/geometry';
import type { Block, Line, TextResult, Word } from '../../shared/analysisResult';
import { arr, defined, num, obj, pixelPolygon, str, type Json, type PolygonMap, type Size } from './googleJson';

/**
 * Google's text answers → the normalized text. `fullTextAnnotation` (both text features send it)
 * has pages → blocks → paragraphs → words → symbols but no lines: a line ends where a symbol's
 * `detectedBreak` says so, and the breaks also say what goes between words, so the lines read
 * as Google laid them out. `textAnnotations` alone (an old or trimmed answer) is the whole text
 * and a flat word list; its lines follow the text's.
 */

/** What a `detectedBreak` does to the line being built. */
function breakEffect(type: string | undefined): 'space' | 'end' | 'hyphen' | 'none' {
  switch (type) {
    case 'SPACE':
    case 'SURE_SPACE':
      return 'space';
    // EOL_SURE_SPACE wraps a line inside a paragraph; LINE_BREAK ends the paragraph's last line.
    case 'EOL_SURE_SPACE':
    case 'LINE_BREAK':
      return 'end';
    // A hyphen the word was split with: not a symbol in the answer, but on the page and in Google's text.
    case 'HYPHEN':
      return 'hyphen';
    default:
      return 'none';
  }
}

/** The lines of one paragraph, rebuilt from its words' symbols and their breaks. */
export function paragraphLines(paragraph: unknown, map: PolygonMap): Line[] {
  const lines: Line[] = [];
  let words: Word[] = [];
  let text = '';
  let separator = '';
  const endLine = () => {
    if (words.length > 0) {
      const confidences = words.map((w) => w.confidence);
      const confidence = confidences.every((c): c is number => c !== undefined) ? confidences.reduce((a, b) => a + b, 0) / confidences.length : undefined;
      lines.push(defined({ polygon: hull(words.map((w) => w.polygon)), text, confidence, words }));
    }
    words = [];
    text = '';
    separator = '';
  };
  for (const raw of arr(obj(paragraph).words)) {
    const word = obj(raw);
    let wordText = '';
    let after: string | undefined;
    for (const s of arr(word.symbols)) {
      const symbol = obj(s);
      const detected = obj(obj(symbol.property).detectedBreak);
      const type = str(detected.type);
      // A prefix break comes before its symbol: a space before the word, or a new line.
      if (detected.isPrefix === true && type !== undefined) {
        const effect = breakEffect(type);
        if (wordText === '' && effect === 'space') separator = words.length > 0 ? ' ' : '';
        else if (wordText === '' && effect === 'end') endLine();
      } else if (type !== undefined) after = type;
      wordText += str(symbol.text) ?? '';
    }
    // Built field by field rather than through `defined`: this runs for every word of a page.
    const out: Word = { polygon: pixelPolygon(word.boundingBox, map), text: wordText };
    const confidence = num(word.confidence);
    if (confidence !== undefined) out.confidence = confidence;
    const language = word.property === undefined ? undefined : str(obj(arr(obj(word.property).detectedLanguages)[0]).languageCode);
    if (language !== undefined) out.language = language;
    words.push(out);
    text += separator + wordText;
    separator = '';
    switch (breakEffect(after)) {
      case 'space':
        separator = ' ';
        break;
      case 'end':
        endLine();
        break;
      case 'hyphen':
        text += '-';
        endLine();
        break;
      case 'none':
        break;
    }
  }
  endLine();
  return lines;
}

/** `fullTextAnnotation` → pages of blocks of rebuilt lines; the text is Google's own. */
export function fullTextOf(annotation: Json, map: PolygonMap, upright: Size): TextResult {
  const lineTexts: string[] = [];
  const pages = arr(annotation.pages).map((p) => {
    const blocks: Block[] = arr(obj(p).blocks).map((b) => {
      const block = obj(b);
      const lines = arr(block.paragraphs).flatMap((paragraph) => paragraphLines(paragraph, map));
      lineTexts.push(...lines.map((l) => l.text));
      const polygon = pixelPolygon(block.boundingBox, map);
      return { polygon: polygon.length > 0 ? polygon : hull(lines.map((l) => l.polygon)), lines };
    });
    // Google's page size is the sent image's; the result's pages are in original pixels.
    return { width: upright.width, height: upright.height, blocks };
  });
  return { fullText: str(annotation.text) ?? lineTexts.join('\n'), pages };
}

/**
 * `textAnnotations` → one block: entry 0 is the whole text (and the block's box), the entries
 * after it are words in reading order, given to the text's lines in turn (a word belongs to a
 * line while their letters, spaces aside, still match). Words left over get a line each.
 */
export function textAnnotationsOf(annotations: unknown[], map: PolygonMap, upright: Size): TextResult | undefined {
  if (annotations.length === 0) return undefined;
  const whole = obj(annotations[0]);
  const fullText = str(whole.description) ?? '';
  const words: Word[] = annotations.slice(1).map((a) => ({ polygon: pixelPolygon(obj(a).boundingPoly, map), text: str(obj(a).description) ?? '' }));
  const squash = (s: string) => s.replace(/\s+/g, '');
  const lines: Line[] = [];
  let next = 0;
  for (const lineText of fullText.split('\n').map((l) => l.trim()).filter((l) => l !== '')) {
    const key = squash(lineText);
    let taken = '';
    const lineWords: Word[] = [];
    while (next < words.length && taken.length < key.length && key.startsWith(taken + squash(words[next]!.text)) && words[next]!.text !== '') {
      taken += squash(words[next]!.text);
      lineWords.push(words[next]!);
      next++;
    }
    if (lineWords.length > 0) lines.push({ polygon: hull(lineWords.map((w) => w.polygon)), text: lineText, words: lineWords });
  }
  for (const word of words.slice(next)) lines.push({ polygon: hull([word.polygon]), text: word.text, words: [word] });
  const polygon = pixelPolygon(whole.boundingPoly, map);
  const block: Block = { polygon: polygon.length > 0 ? polygon : hull(lines.map((l) => l.polygon)), lines };
  return { fullText, pages: [{ width: upright.width, height: upright.height, blocks: [block] }] };
}
