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

/**
 * A map of a place (a landmark's location), built by the host from the numbers alone so that
 * nothing the provider wrote ends up in the URL. Google Maps' documented search URL.
 */
export function mapUrl(point: { latitude: number; longitude: number }): string | undefined {
  const { latitude, longitude } = point;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return `https://www.google.com/maps/search/?api=1&query=${latitude.toFixed(6)}%2C${longitude.toFixed(6)}`;
}
