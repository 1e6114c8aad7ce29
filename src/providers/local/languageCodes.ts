import { UserError } from '../../shared/errors';
import type { Localize } from '../../shared/localize';

/**
 * Language codes for the local OCR engine. The setting `imageInsight.languages` speaks ISO 639-1
 * (`ru`, `en`, shared with the cloud providers); tesseract names its language data with its own
 * codes (`rus`, `eng`, `chi_sim`). No `vscode` import: unit-tested in plain Node.
 */

/**
 * Every language tesseract publishes LSTM data for (tessdata_best, which @tesseract.js-data
 * repackages). `osd` (orientation only) is left out: it recognizes no text.
 */
export const TESSERACT_LANGUAGES: ReadonlySet<string> = new Set([
  'afr', 'amh', 'ara', 'asm', 'aze', 'aze_cyrl', 'bel', 'ben', 'bod', 'bos', 'bre', 'bul', 'cat',
  'ceb', 'ces', 'chi_sim', 'chi_sim_vert', 'chi_tra', 'chi_tra_vert', 'chr', 'cos', 'cym', 'dan',
  'deu', 'div', 'dzo', 'ell', 'eng', 'enm', 'epo', 'equ', 'est', 'eus', 'fao', 'fas', 'fil', 'fin',
  'fra', 'frk', 'frm', 'fry', 'gla', 'gle', 'glg', 'grc', 'guj', 'hat', 'heb', 'hin', 'hrv', 'hun',
  'hye', 'iku', 'ind', 'isl', 'ita', 'ita_old', 'jav', 'jpn', 'jpn_vert', 'kan', 'kat', 'kat_old',
  'kaz', 'khm', 'kir', 'kmr', 'kor', 'kor_vert', 'lao', 'lat', 'lav', 'lit', 'ltz', 'mal', 'mar',
  'mkd', 'mlt', 'mon', 'mri', 'msa', 'mya', 'nep', 'nld', 'nor', 'oci', 'ori', 'pan', 'pol', 'por',
  'pus', 'que', 'ron', 'rus', 'san', 'sin', 'slk', 'slv', 'snd', 'spa', 'spa_old', 'sqi', 'srp',
  'srp_latn', 'sun', 'swa', 'swe', 'syr', 'tam', 'tat', 'tel', 'tgk', 'tha', 'tir', 'ton', 'tur',
  'uig', 'ukr', 'urd', 'uzb', 'uzb_cyrl', 'vie', 'yid', 'yor',
]);

/** ISO 639-1 → tesseract, for every language above that has a two-letter code. */
export const ISO_TO_TESSERACT: Readonly<Record<string, string>> = {
  af: 'afr', am: 'amh', ar: 'ara', as: 'asm', az: 'aze', be: 'bel', bn: 'ben', bo: 'bod', bs: 'bos',
  br: 'bre', bg: 'bul', ca: 'cat', cs: 'ces', zh: 'chi_sim', co: 'cos', cy: 'cym', da: 'dan',
  de: 'deu', dv: 'div', dz: 'dzo', el: 'ell', en: 'eng', eo: 'epo', et: 'est', eu: 'eus', fo: 'fao',
  fa: 'fas', fi: 'fin', fr: 'fra', fy: 'fry', gd: 'gla', ga: 'gle', gl: 'glg', gu: 'guj', ht: 'hat',
  he: 'heb', hi: 'hin', hr: 'hrv', hu: 'hun', hy: 'hye', iu: 'iku', id: 'ind', is: 'isl', it: 'ita',
  jv: 'jav', ja: 'jpn', kn: 'kan', ka: 'kat', kk: 'kaz', km: 'khm', ky: 'kir', ku: 'kmr', ko: 'kor',
  lo: 'lao', la: 'lat', lv: 'lav', lt: 'lit', lb: 'ltz', ml: 'mal', mr: 'mar', mk: 'mkd', mt: 'mlt',
  mn: 'mon', mi: 'mri', ms: 'msa', my: 'mya', ne: 'nep', nl: 'nld', no: 'nor', nb: 'nor', nn: 'nor',
  oc: 'oci', or: 'ori', pa: 'pan', pl: 'pol', pt: 'por', ps: 'pus', qu: 'que', ro: 'ron', ru: 'rus',
  sa: 'san', si: 'sin', sk: 'slk', sl: 'slv', sd: 'snd', es: 'spa', sq: 'sqi', sr: 'srp', su: 'sun',
  sw: 'swa', sv: 'swe', ta: 'tam', tt: 'tat', te: 'tel', tg: 'tgk', th: 'tha', ti: 'tir', to: 'ton',
  tr: 'tur', ug: 'uig', uk: 'ukr', ur: 'urd', uz: 'uzb', vi: 'vie', yi: 'yid', yo: 'yor', tl: 'fil',
  // Withdrawn ISO codes that older systems still produce.
  iw: 'heb', in: 'ind', ji: 'yid',
};

/** ISO 639-2/B ("bibliographic") codes that differ from the terminology codes tesseract uses. */
const BIBLIOGRAPHIC: Readonly<Record<string, string>> = {
  alb: 'sqi', arm: 'hye', baq: 'eus', bur: 'mya', chi: 'chi_sim', cze: 'ces', dut: 'nld', fre: 'fra',
  geo: 'kat', ger: 'deu', gre: 'ell', ice: 'isl', mac: 'mkd', may: 'msa', per: 'fas', rum: 'ron',
  slo: 'slk', tib: 'bod', wel: 'cym',
};

/** BCP 47 subtags that pick another script's data (`zh-TW`, `sr-Latn`). */
const SCRIPT_VARIANTS: Readonly<Record<string, string>> = {
  'zh-hant': 'chi_tra', 'zh-tw': 'chi_tra', 'zh-hk': 'chi_tra', 'zh-mo': 'chi_tra',
  'sr-latn': 'srp_latn', 'az-cyrl': 'aze_cyrl', 'uz-cyrl': 'uzb_cyrl',
};

/**
 * The tesseract code for one setting value, or undefined when it names no language the engine
 * has data for. Accepts ISO 639-1 (`ru`), BCP 47 tags (`pt-BR`, `zh-TW`), ISO 639-2/B aliases
 * (`ger`) and tesseract codes as they are (`rus`, `chi_tra`).
 */
export function tesseractCode(value: string): string | undefined {
  const code = value.trim().toLowerCase();
  if (TESSERACT_LANGUAGES.has(code)) return code;
  const parts = code.replace(/_/g, '-').split('-');
  const pair = parts.length > 1 ? SCRIPT_VARIANTS[`${parts[0]}-${parts[1]}`] ?? SCRIPT_VARIANTS[`${parts[0]}-${parts[2] ?? ''}`] : undefined;
  if (pair) return pair;
  const base = parts[0] ?? '';
  if (TESSERACT_LANGUAGES.has(base)) return base;
  return ISO_TO_TESSERACT[base] ?? BIBLIOGRAPHIC[base];
}

/**
 * Tesseract codes for the setting `imageInsight.languages`, de-duplicated, in the user's order.
 * `*` ("detect") becomes English: tesseract does not detect the language of a text — it
 * recognizes with the models it is given, and loading all ~120 of them to guess would mean
 * downloading gigabytes and recognizing many times slower. English ships inside the extension,
 * so "detect" works offline; other languages are chosen by naming them.
 * @throws UserError naming the first code that matches no language.
 */
export function toTesseractCodes(languages: readonly string[], t: Localize): string[] {
  const out: string[] = [];
  for (const value of languages) {
    const code = value.trim() === '*' ? 'eng' : tesseractCode(value);
    if (!code) throw unknownLanguage(value, t);
    if (!out.includes(code)) out.push(code);
  }
  return out.length > 0 ? out : ['eng'];
}

/** The error for a setting value (or code) that names no language the engine has data for. */
export function unknownLanguage(value: string, t: Localize): UserError {
  return new UserError(t('The language "{0}" is not one the local OCR engine knows. Use an ISO 639-1 code such as "ru" or "de", or a tesseract code such as "rus" (setting imageInsight.languages).', value));
}

/** Tesseract codes whose BCP 47 form is not simply the ISO 639-1 code (for display names). */
const DISPLAY_TAG: Readonly<Record<string, string>> = {
  chi_sim: 'zh-Hans', chi_tra: 'zh-Hant', chi_sim_vert: 'zh-Hans', chi_tra_vert: 'zh-Hant',
  jpn_vert: 'ja', kor_vert: 'ko', srp_latn: 'sr-Latn', aze_cyrl: 'az-Cyrl', uzb_cyrl: 'uz-Cyrl',
  ita_old: 'it', spa_old: 'es', kat_old: 'ka', frk: 'de', fil: 'fil',
};
const TESSERACT_TO_ISO: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ISO_TO_TESSERACT).reverse().map(([iso, tess]) => [tess, iso]),
);

/**
 * "Russian (rus)" in the display language `locale` (VS Code's `env.language`), from the runtime's
 * own ICU data, so no table of names to translate; just the code where the runtime has no name.
 */
export function languageLabel(code: string, locale = 'en'): string {
  const tag = DISPLAY_TAG[code] ?? TESSERACT_TO_ISO[code] ?? code;
  try {
    const name = displayNames(locale).of(tag);
    if (name && name.toLowerCase() !== tag.toLowerCase()) return `${name} (${code})`;
  } catch {
    // Not a valid language tag: the code alone still says which language it is.
  }
  return code;
}

function displayNames(locale: string): Intl.DisplayNames {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'none' });
  } catch {
    return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  }
}
