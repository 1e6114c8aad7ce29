import * as vscode from 'vscode';
import type { EditorTarget } from '../analysis/editorTarget';
import type { ResultSession } from '../analysis/resultStore';
import { allWords } from '../shared/analysisResult';
import { externalUrl, mapUrl } from '../shared/links';
import { messageOf } from '../shared/errors';
import { assertNever, type WebviewMessage } from '../shared/protocol';
import { textItems } from '../shared/textItems';
import type { Log } from '../services/log';
import { tableAsMarkdown, tableAsTsv, tableOf, textOf } from '../text/resultText';

/** What a panel action may touch. */
export interface PanelContext {
  readonly session: ResultSession;
  readonly editors: EditorTarget;
  readonly log: Log;
  /** A short confirmation inside the panel. */
  toast(text: string): void;
}

/** The command a face is enrolled with (smartyCommands.ts): it asks for the space and the person. */
export const ENROLL_COMMAND = 'imageInsight.enrollPerson';

type Action = Exclude<WebviewMessage, { type: 'ready' }>;

const preview = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text).replace(/\s+/g, ' ');

/**
 * Carries out what the user asked for in the panel. Every message was checked by the protocol's
 * guard; here each index is checked against the host's own copy of the result, and a URL is
 * taken only from that copy, never from the webview.
 */
export async function runPanelAction(action: Action, context: PanelContext): Promise<void> {
  const { session, log } = context;
  const { result, edits } = session;
  const text = result.text;
  const t = vscode.l10n.t;
  const copy = async (content: string, confirmation: string) => {
    await vscode.env.clipboard.writeText(content);
    context.toast(confirmation);
  };
  switch (action.type) {
    case 'copyText': {
      const item = textItems(text, edits)[action.level][action.index];
      if (!item) return log.warn(`results panel: no ${action.level} ${action.index}`);
      return copy(item.text, t('Copied "{0}"', preview(item.text)));
    }
    case 'copyRegion': {
      if (!text) return;
      const content = textOf(text, edits, action.region);
      if (content.trim() === '') return context.toast(t('There is no text in the selected region.'));
      const lines = content.split('\n').length;
      return copy(content, lines === 1 ? t('Copied "{0}"', preview(content)) : t('Copied {0} lines of text', lines));
    }
    case 'copyTable': {
      if (!text) return;
      const table = tableOf(text, edits, action.region);
      if (table.length === 0) return context.toast(t('There is no text in the selected region.'));
      return copy(tableAsTsv(table), t('Copied a table of {0} rows and {1} columns (tab-separated)', table.length, table[0]?.length ?? 0));
    }
    case 'insertText':
    case 'insertTable': {
      if (!text) return;
      const content = action.type === 'insertText' ? textOf(text, edits, action.region) : tableAsMarkdown(tableOf(text, edits, action.region));
      if (content.trim() === '') return context.toast(t('There is no text in the selected region.'));
      await context.editors.insert(content);
      return;
    }
    case 'openText': {
      const content = text ? textOf(text, edits) : '';
      const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
      await vscode.window.showTextDocument(document, { preview: false });
      return;
    }
    case 'openJson': {
      const document = await vscode.workspace.openTextDocument({ content: JSON.stringify(result.raw, null, 2) ?? 'null', language: 'json' });
      await vscode.window.showTextDocument(document, { preview: false });
      return;
    }
    case 'copyJson':
      return copy(JSON.stringify(result.raw, null, 2) ?? 'null', t('Copied the provider\'s response (JSON)'));
    case 'copyFinding': {
      const name = action.kind === 'label' ? result.labels?.[action.index]?.name : result.faces?.[action.index]?.person?.tag;
      if (name === undefined) return log.warn(`results panel: no ${action.kind} ${action.index}`);
      return copy(name, t('Copied "{0}"', preview(name)));
    }
    case 'openLink': {
      const match = result.copies?.matches[action.index];
      const url = externalUrl(action.target === 'webImage' ? result.copies?.images?.[action.index]?.url : action.target === 'page' ? match?.pageUrl : match?.imageUrl);
      if (!url) {
        log.warn(`results panel: refused to open link ${action.index} (${action.target}): not an http(s) URL`);
        return context.toast(t('Only http and https links are opened.'));
      }
      await vscode.env.openExternal(vscode.Uri.parse(url, true));
      return;
    }
    case 'openMap': {
      const place = result.labels?.[action.index]?.locations?.[0];
      const url = place ? mapUrl(place) : undefined;
      if (!url) return log.warn(`results panel: label ${action.index} has no place to show in a map`);
      await vscode.env.openExternal(vscode.Uri.parse(url, true));
      return;
    }
    case 'enrollFace':
      return enrollFace(action.index, action.newPerson === true, context);
    case 'editWord': {
      const word = text ? allWords(text)[action.index] : undefined;
      if (!word) return log.warn(`results panel: no word ${action.index} to correct`);
      if (action.text === word.text) edits.delete(action.index);
      else edits.set(action.index, action.text);
      return;
    }
    default:
      assertNever(action);
  }
}

/**
 * Enroll as Person… on a face of the panel: the polygon comes from the host's copy of the
 * result (the webview only named the face). The command reports its own failure to the user;
 * here it is only logged, so it is not shown twice.
 */
async function enrollFace(index: number, newPerson: boolean, context: PanelContext): Promise<void> {
  const { result } = context.session;
  const face = result.faces?.[index];
  if (!face) return context.log.warn(`results panel: no face ${index} to enroll`);
  const options = { face: face.polygon.map((p) => ({ x: p.x, y: p.y })), ...(newPerson ? { newPerson: true } : {}) };
  let enrolled: { personId: number; space: string; done: boolean } | undefined;
  try {
    enrolled = await vscode.commands.executeCommand(ENROLL_COMMAND, vscode.Uri.parse(result.image.uri, true), options);
  } catch (error) {
    context.log.warn(`results panel: face ${index} was not enrolled: ${messageOf(error)}`);
    return;
  }
  if (enrolled?.done) context.toast(vscode.l10n.t('Face {0} is enrolled as person {1} in space {2}', index + 1, enrolled.personId, enrolled.space));
}
