import type { AnalysisResult } from './analysisResult';
import { allWords } from './analysisResult';
import { isAnalysisResult } from './resultGuard';

/** The longest correction of one word the panel takes. */
export const MAX_EDIT_LENGTH = 1000;

/** Image URIs a restored panel accepts: files, remote files, and VS Code's own user data (pasted images are not restored). */
export const RESTORABLE_IMAGE_URI = /^(file|vscode-remote|vscode-userdata):\S+$/i;

/**
 * What a results panel keeps across a window reload: the result and the user's corrections.
 * The webview stores it with `setState`; VS Code hands it back to the panel serializer, which
 * must treat it as untrusted (`parsePanelState`, then the seal). Version 2 added the seal; a
 * version-1 state (unsealed) is not restored.
 */
export interface PanelState {
  version: 2;
  result: AnalysisResult;
  /**
   * The host's HMAC of `JSON.stringify(result)` (services/stateSeal.ts): the result, its image
   * URI and its links are taken back only if the host wrote them. The corrections are the user's
   * own typing, checked against that result.
   */
  seal: string;
  /** Corrected words: [index in `allWords` order, text]. */
  edits: Array<[number, string]>;
}

/** The state as restored, or why it cannot be used. */
export function parsePanelState(value: unknown): { state: PanelState } | { problem: string } {
  if (typeof value !== 'object' || value === null) return { problem: 'no state' };
  const candidate = value as Record<string, unknown>;
  if (candidate.version === 1) return { problem: 'an unsealed state from an older version' };
  if (candidate.version !== 2) return { problem: `unknown version ${String(candidate.version)}` };
  if (typeof candidate.seal !== 'string') return { problem: 'the state is not sealed' };
  if (!isAnalysisResult(candidate.result)) return { problem: 'the result is malformed' };
  const result = candidate.result;
  // The webview wrote this state: only the schemes a results panel's image can have are taken,
  // since the host reads that file and lets the webview load it.
  if (!RESTORABLE_IMAGE_URI.test(result.image.uri)) return { problem: 'the image URI is malformed or of a scheme a panel does not restore' };
  const words = result.text ? allWords(result.text).length : 0;
  const edits = candidate.edits;
  if (!Array.isArray(edits)) return { problem: 'the corrections are malformed' };
  const seen = new Set<number>();
  for (const edit of edits as unknown[]) {
    if (!Array.isArray(edit) || edit.length !== 2) return { problem: 'the corrections are malformed' };
    const [index, text] = edit as unknown[];
    if (!Number.isSafeInteger(index) || (index as number) < 0 || (index as number) >= words || seen.has(index as number)) {
      return { problem: 'a correction names no word' };
    }
    if (typeof text !== 'string' || text.length > MAX_EDIT_LENGTH) return { problem: 'a correction is malformed' };
    seen.add(index as number);
  }
  return { state: { version: 2, result, seal: candidate.seal, edits: edits as Array<[number, string]> } };
}
