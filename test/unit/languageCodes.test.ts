import assert from 'node:assert/strict';
import { ISO_TO_TESSERACT, TESSERACT_LANGUAGES, languageLabel, tesseractCode, toTesseractCodes } from '../../src/providers/local/languageCodes';
import { UserError } from '../../src/shared/errors';
import { formatOnly } from '../../src/shared/localize';

describe('languageCodes', () => {
  it('maps the common ISO 639-1 codes to tesseract codes', () => {
    const expected: Record<string, string> = {
      en: 'eng', ru: 'rus', uk: 'ukr', be: 'bel', kk: 'kaz', de: 'deu', fr: 'fra', es: 'spa', it: 'ita', pt: 'por',
      pl: 'pol', cs: 'ces', nl: 'nld', sv: 'swe', fi: 'fin', da: 'dan', no: 'nor', tr: 'tur', ar: 'ara', he: 'heb',
      fa: 'fas', hi: 'hin', zh: 'chi_sim', ja: 'jpn', ko: 'kor', el: 'ell', bg: 'bul', sr: 'srp', hr: 'hrv', ro: 'ron',
      hu: 'hun', lt: 'lit', lv: 'lav', et: 'est', vi: 'vie', th: 'tha', id: 'ind', ms: 'msa', sk: 'slk', sl: 'slv',
      ka: 'kat', hy: 'hye', az: 'aze', uz: 'uzb', mk: 'mkd', bn: 'ben', ta: 'tam', ur: 'urd',
    };
    for (const [iso, tess] of Object.entries(expected)) assert.equal(tesseractCode(iso), tess, iso);
  });

  it('every table entry names a language tesseract has data for', () => {
    for (const [iso, tess] of Object.entries(ISO_TO_TESSERACT)) assert.ok(TESSERACT_LANGUAGES.has(tess), `${iso} → ${tess}`);
    assert.ok(TESSERACT_LANGUAGES.size > 100);
    assert.ok(!TESSERACT_LANGUAGES.has('osd'), 'orientation data recognizes no text');
  });

  it('accepts tesseract codes as they are, any case, and regional or script tags', () => {
    assert.equal(tesseractCode('rus'), 'rus');
    assert.equal(tesseractCode(' RU '), 'rus');
    assert.equal(tesseractCode('chi_tra'), 'chi_tra');
    assert.equal(tesseractCode('zh-TW'), 'chi_tra');
    assert.equal(tesseractCode('zh-Hant-HK'), 'chi_tra');
    assert.equal(tesseractCode('zh-CN'), 'chi_sim');
    assert.equal(tesseractCode('pt-BR'), 'por');
    assert.equal(tesseractCode('sr-Latn'), 'srp_latn');
    assert.equal(tesseractCode('sr_RS'), 'srp');
    assert.equal(tesseractCode('ger'), 'deu');
    assert.equal(tesseractCode('nb'), 'nor');
  });

  it('turns the setting into de-duplicated codes in order; * and nothing mean English', () => {
    assert.deepEqual(toTesseractCodes(['ru', 'en'], formatOnly), ['rus', 'eng']);
    assert.deepEqual(toTesseractCodes(['ru', 'rus', 'RU'], formatOnly), ['rus']);
    assert.deepEqual(toTesseractCodes(['*'], formatOnly), ['eng']);
    assert.deepEqual(toTesseractCodes([], formatOnly), ['eng']);
  });

  it('names an unknown code in a clear error', () => {
    for (const bad of ['xx', 'xyz', 'osd', '../eng', '']) {
      assert.throws(() => toTesseractCodes(['ru', bad], formatOnly), (e: Error) => e instanceof UserError && e.message.includes(`"${bad}"`) && /imageInsight\.languages/.test(e.message), bad);
    }
  });

  it('labels languages in the display language, falling back to the code', () => {
    assert.equal(languageLabel('rus'), 'Russian (rus)');
    assert.equal(languageLabel('rus', 'ru'), 'русский (rus)');
    assert.match(languageLabel('chi_tra'), /Traditional Chinese|Chinese \(Traditional\)/);
    assert.equal(languageLabel('equ'), 'equ');
    assert.equal(languageLabel('rus', 'not a locale!'), 'Russian (rus)');
  });
});
