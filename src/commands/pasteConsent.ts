/**
 * When "Paste Image as Text" may offer its edit. Pure (no vscode import) so it is unit-tested.
 *
 * VS Code applies the first paste edit offered on a plain Ctrl+V (the one a preference in
 * `editor.pasteAs.preferences` names, else the first in its order) and resolves it at once; where
 * ours is the only edit for an image (a plain-text editor) a plain Ctrl+V would read the image,
 * possibly through a cloud provider. So the edit is offered only when the user asked for it:
 * - Paste As… (trigger kind PasteAs), where the user picks from a list or names a kind;
 * - a plain paste while `editor.pasteAs.preferences` names our kind (`text.imageInsight` or
 *   `text.imageInsight.recognizedText`); a broader preference such as `text` does not count.
 */

/** VS Code's DocumentPasteTriggerKind. */
export const PasteTrigger = { Automatic: 0, PasteAs: 1 } as const;

/** The kind namespace of our edit; a preference must name it (or our kind below it). */
export const OUR_KIND_ROOT = 'text.imageInsight';

/** Whether the hierarchical kind `outer` contains `inner` (VS Code's HierarchicalKind.contains). */
export function kindContains(outer: string, inner: string): boolean {
  return outer === inner || inner.startsWith(`${outer}.`);
}

/** Whether a preference list names our edit of kind `kind` itself, not just a broad kind above it. */
export function preferencesName(preferences: unknown, kind: string): boolean {
  if (!Array.isArray(preferences)) return false;
  return preferences.some((p) => typeof p === 'string' && kindContains(p, kind) && kindContains(OUR_KIND_ROOT, p));
}

/** Whether a paste with this trigger kind and these preferences asked for our edit. */
export function pasteAskedForUs(triggerKind: unknown, preferences: unknown, kind: string): boolean {
  if (triggerKind === PasteTrigger.PasteAs) return true;
  return preferencesName(preferences, kind);
}
