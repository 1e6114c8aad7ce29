import assert from 'node:assert/strict';
import { parsePanelState } from '../../src/shared/panelState';
import { loadResultFixture, syntheticTextResult } from './resultFixtures';

describe('panel state restored after a reload (untrusted)', () => {
  const result = syntheticTextResult(20, 7);

  it('gives back a valid state with its corrections', () => {
    const parsed = parsePanelState({ version: 2, seal: 'x', result, edits: [[0, 'fixed'], [19, '']] });
    assert.ok('state' in parsed);
    assert.deepEqual(parsed.state.edits, [[0, 'fixed'], [19, '']]);
  });

  it('accepts every provider fixture', () => {
    for (const name of ['google-face-detection-1', 'yandex-ocr-recognize-table-1', 'vk-persons-recognize-1', 'google-web-detection-1']) {
      const parsed = parsePanelState({ version: 2, seal: 'x', result: loadResultFixture(name), edits: [] });
      assert.ok('state' in parsed, name);
    }
  });

  it('restores images from files, remote files and VS Code\'s user data only', () => {
    for (const uri of ['file:///home/u/scan.png', 'vscode-remote://ssh-remote%2Bbox/home/u/scan.png', 'vscode-userdata:/home/u/.config/Code/User/scan.png']) {
      assert.ok('state' in parsePanelState({ version: 2, seal: 'x', result: { ...result, image: { ...result.image, uri } }, edits: [] }), uri);
    }
  });

  it('says why it cannot use anything else', () => {
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /no state/],
      ['x', /no state/],
      [{ version: 3, result, seal: 'x', edits: [] }, /version/],
      [{ version: 1, result, edits: [] }, /unsealed/],
      [{ version: 2, result, edits: [] }, /not sealed/],
      [{ version: 2, seal: 'x', result: { ...result, image: { ...result.image, width: 'wide' } }, edits: [] }, /malformed/],
      [{ version: 2, seal: 'x', result: { ...result, image: { ...result.image, uri: 'no-scheme' } }, edits: [] }, /URI/],
      // Written by the webview: a state naming a web page, a command or an unsaved buffer is refused.
      ...['https://evil.example/x.png', 'command:workbench.action.terminal.new', 'untitled:Untitled-1', 'clipboard:pasted.png', 'data:image/png;base64,AAAA', 'file:///a b.png'].map(
        (uri): [unknown, RegExp] => [{ version: 2, seal: 'x', result: { ...result, image: { ...result.image, uri } }, edits: [] }, /URI/],
      ),
      [{ version: 2, seal: 'x', result, edits: {} }, /corrections/],
      [{ version: 2, seal: 'x', result, edits: [[20, 'x']] }, /names no word/],
      [{ version: 2, seal: 'x', result, edits: [[-1, 'x']] }, /names no word/],
      [{ version: 2, seal: 'x', result, edits: [[1, 'x'], [1, 'y']] }, /names no word/],
      [{ version: 2, seal: 'x', result, edits: [[1, 2]] }, /malformed/],
      [{ version: 2, seal: 'x', result, edits: [[1, 'x'.repeat(1001)]] }, /malformed/],
      [{ version: 2, seal: 'x', result, edits: [[1]] }, /malformed/],
    ];
    for (const [value, why] of cases) {
      const parsed = parsePanelState(value);
      assert.ok('problem' in parsed, JSON.stringify(value)?.slice(0, 80));
      assert.match(parsed.problem, why);
    }
  });
});
