import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** The results panel's page (dist/webview.js). */
export function resultsHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return panelHtml(webview, extensionUri, 'webview.js', ['results.css']);
}

/**
 * A panel's page: a strict CSP (nothing but our own script, with a fresh nonce, our own style
 * sheets, and the picture the host sent as bytes), no inline handlers, no markup from results.
 * `script` is a bundle in dist/, `styles` are sheets in media/.
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, styles: string[]): string {
  const nonce = randomBytes(18).toString('base64');
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', script));
  const links = styles.map((sheet) => `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', sheet)).toString()}">`).join('\n');
  const csp = [
    "default-src 'none'",
    // The picture comes as bytes and is shown from a data: URL (see PanelImage); no file is loaded.
    'img-src data:',
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}
</head>
<body>
<script nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}
