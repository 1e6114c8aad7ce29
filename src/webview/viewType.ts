/** The results panel's webview type (also in package.json's `onWebviewPanel` activation event). */
export const RESULTS_VIEW_TYPE = 'imageInsight.results';
