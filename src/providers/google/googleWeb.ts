import type { Copies, Label, WebImage } from '../../shared/analysisResult';
import { arr, defined, num, obj, str, type Json } from './googleJson';

/**
 * WEB_DETECTION → `copies` (Google's counterpart of Yandex's copy search) and web entities.
 * Pages come with their title as an HTML fragment (`How to Care for &lt;b&gt;Ferns&lt;/b&gt;`):
 * the highlight is removed and the entities decoded, so the title is plain text. URLs are kept
 * as text; only the host opens them, and only http(s) ones.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isSafeInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A page title as plain text: entities decoded, then the tags (Google's `<b>` highlight) removed. */
export function plainTitle(html: string): string {
  return decodeEntities(html).replace(/<\/?[a-z][^>]*>/gi, '').replace(/\s+/g, ' ').trim();
}

const urls = (list: unknown, match: WebImage['match']): WebImage[] =>
  arr(list).flatMap((i) => {
    const url = str(obj(i).url);
    return url ? [{ url, match }] : [];
  });

export function webCopiesOf(web: Json): Copies {
  const matches = arr(web.pagesWithMatchingImages).flatMap((p) => {
    const page = obj(p);
    const pageUrl = str(page.url);
    if (!pageUrl) return [];
    const title = str(page.pageTitle);
    const image = urls(page.fullMatchingImages, 'full')[0] ?? urls(page.partialMatchingImages, 'partial')[0];
    return [defined({ imageUrl: image?.url, pageUrl, title: title === undefined ? undefined : plainTitle(title) })];
  });
  const images = [...urls(web.fullMatchingImages, 'full'), ...urls(web.partialMatchingImages, 'partial'), ...urls(web.visuallySimilarImages, 'similar')];
  const bestGuess = arr(web.bestGuessLabels).flatMap((l) => (str(obj(l).label) ? [str(obj(l).label)!] : []));
  return defined({ matches, images: images.length > 0 ? images : undefined, bestGuess: bestGuess.length > 0 ? bestGuess : undefined });
}

/** Web entities with a name; their scores are relevances, not probabilities (2.15 has been seen). */
export function webEntitiesOf(web: Json): Label[] {
  return arr(web.webEntities).flatMap((e) => {
    const name = str(obj(e).description);
    return name ? [{ name, score: num(obj(e).score) ?? 0, group: 'webEntity' as const }] : [];
  });
}
