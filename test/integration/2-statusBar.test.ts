import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, eventually, hasUiBridge, ui } from './helpers';

const ITEM = '[id$="imageInsight.provider"]';

describe('status bar item', function () {
  before(function () {
    if (!hasUiBridge()) this.skip();
  });

  afterEach(async () => {
    await vscode.workspace.getConfiguration('imageInsight').update('provider', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows the current provider and follows a settings change', async () => {
    await activateExtension();
    const text = async () => (await ui<string[]>('text', { selector: ITEM })).join(' ');
    await eventually(async () => (await text()).includes('Local (offline)'), 'the default provider in the status bar');
    await vscode.workspace.getConfiguration('imageInsight').update('provider', 'yandex', vscode.ConfigurationTarget.Global);
    await eventually(async () => (await text()).includes('Yandex Vision'), 'Yandex Vision in the status bar');
    await vscode.workspace.getConfiguration('imageInsight').update('provider', 'google', vscode.ConfigurationTarget.Global);
    await eventually(async () => (await text()).includes('Google Cloud Vision'), 'Google Cloud Vision in the status bar');
  });

  it('opens Select Provider when clicked', async () => {
    await activateExtension();
    await ui('click', { selector: `${ITEM} a, ${ITEM}` });
    const items = await eventually(async () => {
      const rows = await ui<string[]>('text', { selector: '.quick-input-widget .monaco-list-row' });
      return rows.length >= 4 ? rows : undefined;
    }, 'the provider quick pick');
    assert.ok(items.some((row) => row.includes('Yandex Vision')));
    assert.ok(items.some((row) => row.includes('VK Cloud Smarty')));
    await ui('press', { key: 'Escape' });
  });
});
