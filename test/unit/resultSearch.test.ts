import assert from 'node:assert/strict';
import { allWords, type AnalysisResult, type Block } from '../../src/shared/analysisResult';
import { searchResult, searchResults, type SearchMatch } from '../../src/text/resultSearch';
import { foldForSearch, searchPhrase } from '../../src/text/searchFold';
import { loadResultFixture, syntheticTextResult } from './resultFixtures';

const box = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }];

/** A text result of blocks of lines, each line its words split at spaces. */
function textResult(blocks: string[][], uri = 'file:///ws/a.png'): AnalysisResult {
  const built: Block[] = blocks.map((lines) => ({
    polygon: box,
    lines: lines.map((line) => ({ polygon: box, text: line, words: line.split(' ').map((text) => ({ polygon: box, text })) })),
  }));
  return {
    provider: 'local',
    features: ['text'],
    image: { uri, width: 10, height: 10, mime: 'image/png', sha256: '' },
    text: { fullText: blocks.flat().join('\n'), pages: [{ width: 10, height: 10, blocks: built }] },
    errors: [],
    raw: null,
    timings: { prepareMs: 0, requestMs: 0, parseMs: 0 },
  };
}

/** The words of each text match, by their text (the way the panel would highlight them). */
function matchedWords(query: string, result: AnalysisResult): string[] {
  const words = allWords(result.text!);
  return searchResult(query, result).matches
    .filter((m): m is Extract<SearchMatch, { kind: 'text' }> => m.kind === 'text')
    .map((m) => m.words.map((i) => words[i]!.text).join(' '));
}

describe('foldForSearch: case, accents and the Cyrillic letters that are letters', () => {
  it('lower-cases and strips accents and compatibility forms', () => {
    assert.equal(foldForSearch('Café NAÏVE Ångström ﬁle ４２ Straße'), 'cafe naive angstrom file 42 strasse');
  });

  it('ё is е (both ways, any case, composed or not); й, ї and ў stay letters of their own', () => {
    assert.equal(foldForSearch('Ёлка ЁЖ ещё'), 'елка еж еще');
    assert.equal(foldForSearch('е\u0308лка'), 'елка', 'ё written as е + combining diaeresis');
    assert.equal(foldForSearch('Йод мой МОЙ'), 'йод мой мой');
    assert.equal(foldForSearch('и\u0306од'), 'йод', 'й written as и + combining breve');
    assert.equal(foldForSearch('Їжак ўсё'), 'їжак ўсе');
    assert.notEqual(foldForSearch('мой'), foldForSearch('мои'));
  });

  it('a query keeps its words, folded and without punctuation around them', () => {
    assert.equal(searchPhrase('  Invoice   4711, '), 'invoice 4711');
    assert.equal(searchPhrase('«Привет», (мир)!'), 'привет мир');
    assert.equal(searchPhrase('e-mail 3.14 C#'), 'e-mail 3.14 c#');
    assert.equal(searchPhrase(' … — '), '');
  });
});

describe('searchResult: where a query occurs in a result', () => {
  const invoice = textResult([
    ['Your Invoice', '4711, due now'],
    ['Total: 5 EUR', 'Thank you for the invoice'],
  ]);

  it('finds words whatever their case, with the word indices in allWords order', () => {
    const found = searchResult('INVOICE', invoice);
    assert.equal(found.count, 2);
    assert.deepEqual(found.matches.map((m) => m.kind === 'text' && m.words), [[1], [12]]);
    assert.deepEqual(matchedWords('invoice', invoice), ['Invoice', 'invoice']);
  });

  it('a phrase runs across lines and blocks, and ignores punctuation around words', () => {
    assert.deepEqual(matchedWords('invoice 4711', invoice), ['Invoice 4711,']);
    assert.deepEqual(matchedWords('Invoice 4711,', invoice), ['Invoice 4711,']);
    assert.deepEqual(matchedWords('due now total', invoice), ['due now Total:'], 'from one block into the next');
    assert.deepEqual(matchedWords('total 5', invoice), ['Total: 5']);
  });

  it('finds inside words, and a phrase may start and end inside its outer words', () => {
    assert.deepEqual(matchedWords('voice', invoice), ['Invoice', 'invoice']);
    assert.deepEqual(matchedWords('voice 47', invoice), ['Invoice 4711,']);
    assert.deepEqual(matchedWords('nvoice 4711 du', invoice), ['Invoice 4711, due']);
    // As in a find box over the text: a phrase's first word ends where a word ends, its last
    // starts where one starts, and a middle word is whole ("4711" is not "471").
    assert.deepEqual(matchedWords('nvoic 4711', invoice), []);
    assert.deepEqual(matchedWords('invoice 711', invoice), []);
    assert.deepEqual(matchedWords('invoice 471 due', invoice), []);
  });

  it('spans punctuation-only words, and the highlight covers them', () => {
    const dashed = textResult([['Total : 5', 'A — B']]);
    assert.deepEqual(matchedWords('total 5', dashed), ['Total : 5']);
    assert.deepEqual(searchResult('a b', dashed).matches.map((m) => m.kind === 'text' && m.words), [[3, 4, 5]]);
  });

  it('Cyrillic: case, ё and е alike, й not и', () => {
    const russian = textResult([['Ёлочка зажглась', 'МОЙ ДОМ'], ['Еще мои вещи и ещё']]);
    assert.deepEqual(matchedWords('елочка', russian), ['Ёлочка']);
    assert.deepEqual(matchedWords('ЁЛОЧКА ЗАЖГЛАСЬ', russian), ['Ёлочка зажглась']);
    assert.deepEqual(matchedWords('ещё', russian), ['Еще', 'ещё']);
    assert.deepEqual(matchedWords('еще', russian), ['Еще', 'ещё']);
    assert.deepEqual(matchedWords('мой', russian), ['МОЙ']);
    assert.deepEqual(matchedWords('мои', russian), ['мои']);
    assert.deepEqual(matchedWords('зажглась мой дом', russian), ['зажглась МОЙ ДОМ'], 'across a line break');
  });

  it('real results: a phrase over two lines (Google), a Russian table (Yandex OCR), handwriting with punctuation', () => {
    assert.deepEqual(matchedWords('sso ed', loadResultFixture('google-text-detection-1')), ['SSO ED']);
    assert.deepEqual(matchedWords('ФАМИЛИЯ имя', loadResultFixture('yandex-ocr-recognize-table-1')), ['Фамилия Имя'], 'from one cell into the next');
    assert.deepEqual(matchedWords('hello world', loadResultFixture('yandex-ocr-recognize-handwritten-1')), ['Hello, World!']);
    assert.deepEqual(matchedWords('penguins crossing slow', loadResultFixture('yandex-ocr-recognize-text-1')), ['PENGUINS CROSSING SLOW']);
  });

  it('labels match by name, after the text', () => {
    const labels = loadResultFixture('google-label-detection-1');
    const found = searchResult('FERN', labels);
    assert.ok(found.count > 0);
    for (const match of found.matches) {
      assert.equal(match.kind, 'label');
      if (match.kind === 'label') assert.match(labels.labels![match.label]!.name, /fern/i);
    }
  });

  it('no match, and nothing to search, give nothing', () => {
    assert.deepEqual(searchResult('zebra', invoice), { matches: [], count: 0 });
    assert.deepEqual(searchResult('', invoice), { matches: [], count: 0 });
    assert.deepEqual(searchResult(' ,.; ', invoice), { matches: [], count: 0 });
    assert.deepEqual(searchResult('x', loadResultFixture('google-face-detection-1')), { matches: [], count: 0 });
  });

  it('a snippet shows the match whole with a few words of context, and says when the text goes on', () => {
    const long = textResult([['one two three four five six seven', 'eight nine ten eleven twelve thirteen']]);
    const [match] = searchResult('even eigh', long).matches;
    assert.deepEqual(match?.snippet, { before: '… two three four five six', match: 'seven eight', after: 'nine ten eleven twelve thirteen' });
    assert.deepEqual(searchResult('one', long).matches[0]?.snippet, { before: '', match: 'one', after: 'two three four five six …' });
  });

  it('matches do not overlap, are in reading order, and are capped per result while the count goes on', () => {
    const repeated = textResult([['aaa aaa', 'aaa']]);
    assert.deepEqual(searchResult('aa', repeated).matches.map((m) => m.kind === 'text' && m.words), [[0], [1], [2]]);
    const found = searchResult('a', repeated, { limit: 2 });
    assert.equal(found.matches.length, 2);
    assert.equal(found.count, 9);
  });

  it('searches the user\'s corrections when given', () => {
    const edits = new Map([[1, 'Rechnung']]);
    assert.deepEqual(searchResult('rechnung 4711', invoice, { edits }).matches.map((m) => m.kind === 'text' && m.words), [[1, 2]]);
    assert.equal(searchResult('your invoice', invoice, { edits }).count, 0);
  });
});

describe('searchResults: many results', () => {
  it('keeps only the results with matches, in their order, each with its own matches', () => {
    const results = Array.from({ length: 200 }, (_, i) => syntheticTextResult(300, i + 1));
    results[17] = textResult([['the needle is here']], 'file:///ws/17.png');
    results[150] = textResult([['another', 'NEEDLE']], 'file:///ws/150.png');
    const found = searchResults('needle', results);
    assert.deepEqual(found.map((f) => f.result.image.uri), ['file:///ws/17.png', 'file:///ws/150.png']);
    assert.deepEqual(found.map((f) => f.count), [1, 1]);
    assert.deepEqual(searchResults('no such words anywhere', results), []);
  });

  it('a long page: every occurrence of a word is found at its index', () => {
    const result = syntheticTextResult(20_000, 7);
    const words = allWords(result.text!);
    const target = words[12_345]!.text;
    const expected = words.flatMap((w, i) => (w.text === target ? [i] : []));
    const exact = searchResult(target, result, { limit: Infinity }).matches.flatMap((m) => (m.kind === 'text' && words[m.words[0]!]!.text === target ? m.words : []));
    assert.deepEqual(exact, expected);
  });
});
