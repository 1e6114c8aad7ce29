import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ImageInsightApi } from '../../src/api';

export const EXTENSION_ID = 'image-insight.image-insight';

export async function activateExtension(): Promise<ImageInsightApi> {
  const extension = vscode.extensions.getExtension<ImageInsightApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in the test host`);
  return extension.activate();
}

/** A file in the test workspace (prepared by scripts/test.mjs). */
export function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Drives the real workbench in Chromium through test/host/run.mjs's UI bridge. */
export async function ui<T = unknown>(op: string, args: Record<string, unknown> = {}): Promise<T> {
  const url = process.env.IMAGE_INSIGHT_UI_BRIDGE;
  if (!url) throw new Error('no UI bridge: run the suite through test/host/run.mjs');
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ op, ...args }) });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: string };
  if (!body.ok) throw new Error(`UI bridge ${op}: ${body.error}`);
  return body.value as T;
}

export const hasUiBridge = (): boolean => Boolean(process.env.IMAGE_INSIGHT_UI_BRIDGE);

/** Picks the open quick pick's row whose label is `label` by typing it, then Enter. */
export async function pickQuickPickRow(label: string): Promise<void> {
  const rows = '.quick-input-widget .quick-input-list .monaco-list-row:visible';
  await ui('waitFor', { selector: rows, timeoutMs: 20_000 });
  await ui('type', { text: label });
  await eventually(async () => (await ui<string[]>('text', { selector: rows }))[0]?.startsWith(label), `the row "${label}" first`);
  await ui('press', { key: 'Enter' });
}

/** Polls until `check` returns a truthy value (UI updates are asynchronous); fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Texts of the notifications shown so far, read from the notification center (this workbench
 * build does not pop toasts up while it runs tests, but every notification lands in the center).
 */
export function notifications(): Promise<string[]> {
  return fromNotificationCenter('.notifications-center .notification-list-item-message');
}

/** The labels of the buttons on the notifications shown so far (e.g. *Set Credentials…*), read from the notification center. */
export function notificationButtons(): Promise<string[]> {
  return fromNotificationCenter('.notifications-center .monaco-button');
}

/** The texts of `selector` in the notification center, opened for the reading and closed again. */
async function fromNotificationCenter(selector: string): Promise<string[]> {
  await vscode.commands.executeCommand('notifications.showList');
  try {
    return await ui<string[]>('text', { selector });
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}

/** Closes every notification toast. */
export async function clearNotifications(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
}

/** Every file below `dir` whose name matches. */
export function findFiles(dir: string, name: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(full, name);
    return name.test(entry.name) ? [full] : [];
  });
}

/** The text of our LogOutputChannel's file(s). */
export function extensionLog(): string {
  const roots = [process.env.IMAGE_INSIGHT_TEST_USER_DATA, process.env.VSCODE_LOGS].filter((r): r is string => Boolean(r));
  return roots
    .flatMap((root) => findFiles(root, /^Image Insight\.log$/))
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
}

/** A picture's size in its own pixels (the results panel's overlay spans it). */
export interface PictureSize {
  width: number;
  height: number;
}

/** How many boxes the results panel draws at a text level (its layer's data-count). */
export async function boxCount(level: 'word' | 'line' | 'block' = 'word'): Promise<number> {
  const counts = await ui<string[]>('attr', { selector: `.layer-${level}`, name: 'data-count', frame: true });
  return counts.reduce((sum, count) => sum + Number(count), 0);
}

/**
 * Clicks a point of the picture in the results panel, given in the picture's pixels: text boxes
 * are drawn as one path per level, so a word is clicked where it is, as a user would.
 */
export async function clickPicture(point: { x: number; y: number }, size: PictureSize, clickCount = 1): Promise<void> {
  const [box] = await ui<Array<{ width: number; height: number } | null>>('box', { selector: 'svg.overlay', frame: true });
  if (!box) throw new Error('no picture in the results panel');
  const position = { x: (point.x * box.width) / size.width, y: (point.y * box.height) / size.height };
  await ui('click', { selector: 'svg.overlay', frame: true, position, clickCount });
}

/** The same point in page coordinates (for dragging with the mouse). */
export async function pictureToPage(point: { x: number; y: number }, size: PictureSize): Promise<{ x: number; y: number }> {
  const [box] = await ui<Array<{ x: number; y: number; width: number; height: number } | null>>('box', { selector: 'svg.overlay', frame: true });
  if (!box) throw new Error('no picture in the results panel');
  return { x: box.x + (point.x * box.width) / size.width, y: box.y + (point.y * box.height) / size.height };
}

/**
 * The canary tests' common half: none of `leaks`'s shapes (a secret and its fragments) is in the
 * log, the settings, any file of the test profile, a notification, or the workbench's stored
 * state (keys naming a secret aside: that is SecretStorage's own record, encrypted).
 */
export async function assertStoredNowhere(leaks: (text: string) => string[]): Promise<void> {
  assert.deepEqual(leaks(extensionLog()), [], 'log');
  assert.deepEqual(leaks(JSON.stringify(vscode.workspace.getConfiguration().inspect('imageInsight'))), [], 'settings');
  const userData = process.env.IMAGE_INSIGHT_TEST_USER_DATA;
  if (userData) for (const file of findFiles(userData, /\.(json|log)$/)) assert.deepEqual(leaks(fs.readFileSync(file, 'utf8')), [], file);
  if (!hasUiBridge()) return;
  assert.deepEqual(leaks((await notifications()).join('\n')), [], 'notifications');
  const entries = await ui<Array<{ key: string; value: string }>>('webStorageDump');
  assert.deepEqual(entries.filter((e) => leaks(e.value + e.key).length > 0 && !/secret/i.test(e.key)).map((e) => e.key), [], 'globalState and web storage');
}

/**
 * Pastes an image file with Ctrl+V into a new plain-text editor, with a paste preference naming
 * Paste Image as Text (as a user who chose it would have), and runs `check` on its
 * document before the editor and the preference are put back.
 */
export async function pasteImageAsText(file: vscode.Uri, check: (document: vscode.TextDocument) => Promise<void>): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.workspace.getConfiguration('editor').update('pasteAs.preferences', ['text.imageInsight'], vscode.ConfigurationTarget.Global);
  try {
    const document = await vscode.workspace.openTextDocument({ content: '', language: 'plaintext' });
    await vscode.window.showTextDocument(document);
    await ui('clipboardImage', { path: file.fsPath });
    await ui('click', { selector: '.monaco-editor .view-lines' });
    await ui('press', { key: 'Control+V' });
    await check(document);
  } finally {
    await vscode.workspace.getConfiguration('editor').update('pasteAs.preferences', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}
