import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import { activateExtension, EXTENSION_ID } from './helpers';

describe('activation and contributions', () => {
  it('activates and returns the public API', async () => {
    const api = await activateExtension();
    assert.equal(typeof api.analyze, 'function');
    assert.equal(typeof api.providers, 'function');
    assert.equal(typeof api.onDidAnalyze, 'function');
    assert.equal(typeof api.registerProvider, 'function');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    console.log(`      VS Code ${vscode.version}, ${vscode.env.appHost}, Node ${process.version}`);
  });

  it('registers exactly the commands it contributes', async () => {
    await activateExtension();
    // VS Code itself registers focus/open/… commands for every contributed view.
    const viewCommand = /^imageInsight\.(smarty|batch)\.(focus|open|removeView|resetViewLocation|toggleVisibility)$/;
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('imageInsight.') && !viewCommand.test(id)).sort();
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(registered, contributed);
  });

  it('references only real commands from every menu and keybinding', async () => {
    await activateExtension();
    const all = new Set(await vscode.commands.getCommands(false));
    const menus = pkg.contributes.menus as Record<string, Array<{ command?: string }>>;
    const referenced = [
      ...Object.values(menus).flatMap((items) => items.map((i) => i.command)),
      ...((pkg.contributes as { keybindings?: Array<{ command: string }> }).keybindings ?? []).map((k) => k.command),
    ].filter((c): c is string => Boolean(c));
    assert.ok(referenced.length > 5);
    assert.deepEqual(referenced.filter((c) => !all.has(c)), []);
  });

  it('lists the built-in providers that ship: Local (offline OCR, ready without an account), Yandex Vision, Google Cloud Vision and VK Cloud Smarty', async () => {
    const api = await activateExtension();
    const builtin = (await api.providers()).filter((p) => ['local', 'yandex', 'google', 'smarty'].includes(p.id));
    assert.deepEqual(builtin, [
      { id: 'local', displayName: 'Local (offline)', features: ['text'], configured: true },
      { id: 'yandex', displayName: 'Yandex Vision', features: ['text', 'faces', 'labels', 'copies'], configured: false },
      { id: 'google', displayName: 'Google Cloud Vision', features: ['text', 'faces', 'labels', 'copies', 'safeSearch', 'objects', 'logos', 'landmarks', 'properties', 'cropHints'], configured: false },
      { id: 'smarty', displayName: 'VK Cloud Smarty', features: ['persons', 'text', 'labels'], configured: false },
    ]);
  });
});
