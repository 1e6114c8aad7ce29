import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The panel's page: a strict CSP (nothing but our own script, with a fresh nonce, our own style
 * sheet, and the picture the host sent as bytes), no inline handlers, no markup from results.
 */
export function resultsHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'results.css'));
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
<link rel="stylesheet" href="${style.toString()}">
</head>
<body>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
