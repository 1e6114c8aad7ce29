/**
 * dist/export.js: every exporter, loaded the first time the user exports (lazyModule), so that
 * pdf-lib and the rest never load with the extension. The main bundle imports only this file's
 * type (`typeof import('../export/exportBundle')`).
 */
export { plainText, combinedPlainText } from './plainText';
export { markdown, combinedMarkdown } from './markdown';
export { json, combinedJson, type JsonExportOptions } from './json';
export { hocr, combinedHocr } from './hocr';
export { searchablePdf, type PdfPageSource } from './searchablePdf';
export type { NamedResult } from './namedResult';
