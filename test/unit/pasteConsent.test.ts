import assert from 'node:assert/strict';
import { kindContains, pasteAskedForUs, PasteTrigger, preferencesName } from '../../src/commands/pasteConsent';

describe('Paste Image as Text: offered only when asked for', () => {
  const kind = 'text.imageInsight.recognizedText';

  it('a plain paste with no preference does not ask for it', () => {
    assert.equal(pasteAskedForUs(PasteTrigger.Automatic, undefined, kind), false);
    assert.equal(pasteAskedForUs(PasteTrigger.Automatic, [], kind), false);
    assert.equal(pasteAskedForUs(undefined, undefined, kind), false);
  });

  it('Paste As… asks for it', () => {
    assert.equal(pasteAskedForUs(PasteTrigger.PasteAs, undefined, kind), true);
  });

  it('a preference naming our kind asks for it; broader or other kinds do not', () => {
    assert.equal(pasteAskedForUs(PasteTrigger.Automatic, ['text.imageInsight'], kind), true);
    assert.equal(pasteAskedForUs(PasteTrigger.Automatic, ['markdown.link', 'text.imageInsight.recognizedText'], kind), true);
    for (const other of [['text'], [''], ['text.plain'], ['text.imageInsightX'], ['text.imageInsight.recognizedText.more'], 'text.imageInsight', [42]]) {
      assert.equal(preferencesName(other, kind), false, JSON.stringify(other));
    }
  });

  it('kinds contain their sub-kinds only', () => {
    assert.ok(kindContains('text', 'text.imageInsight'));
    assert.ok(!kindContains('text.image', 'text.imageInsight'));
  });
});
