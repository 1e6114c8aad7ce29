import type { Script } from './readPreparedPage';

/** Tesseract codes of languages written in Cyrillic. */
const CYRILLIC = new Set(['rus', 'ukr', 'bel', 'bul', 'srp', 'mkd', 'kaz', 'kir', 'tgk', 'mon', 'tat', 'uzb_cyrl', 'aze_cyrl']);
/** Tesseract codes of languages written in Latin letters (the common ones; others get no hint). */
const LATIN = new Set([
  'eng', 'deu', 'fra', 'spa', 'ita', 'por', 'nld', 'pol', 'ces', 'slk', 'slv', 'hrv', 'ron', 'hun', 'fin', 'swe', 'nor', 'dan', 'isl', 'est', 'lav', 'lit',
  'tur', 'aze', 'uzb', 'ind', 'msa', 'vie', 'cat', 'glg', 'eus', 'gle', 'cym', 'afr', 'sqi', 'lat', 'epo', 'fil', 'tgl', 'swa', 'mlt', 'bos',
]);

/** The one script of the request's languages, when the lines' shape can hint at it; else undefined. */
export function scriptOf(languages: readonly string[]): Script {
  if (languages.length > 0 && languages.every((l) => LATIN.has(l))) return 'latin';
  if (languages.length > 0 && languages.every((l) => CYRILLIC.has(l))) return 'cyrillic';
  return undefined;
}
