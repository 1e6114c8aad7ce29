/**
 * The one rule for links from results (web pages with an image's copies): only absolute http(s)
 * URLs without credentials are opened, and only by the host through `vscode.env.openExternal`.
 * The webview uses the same rule to decide whether to offer an "Open" button at all.
 */
export function externalUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 8192) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  return url.href;
}
