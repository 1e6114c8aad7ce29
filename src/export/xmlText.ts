/**
 * Untrusted text made safe for XML (text and attribute values alike): the five markup characters
 * as entities, and the characters XML 1.0 forbids outright (control characters other than tab and
 * line breaks, lone surrogates, U+FFFE/U+FFFF), which would make the whole document unreadable,
 * as U+FFFD.
 */
export function xmlText(text: string): string {
  return text
    // Control characters but tab, LF and CR; lone surrogates (the u flag pairs the others); U+FFFE/F.
    .replace(/[^\P{Cc}\t\n\r]|\p{Cs}|[\ufffe\uffff]/gu, '\ufffd')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
