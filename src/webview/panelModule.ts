/** Entry of dist/panel.js: the results and compare panels, loaded on first use (see lazyResultsPanels.ts, lazyComparePanels.ts). */
export { ResultsPanels } from './resultsPanels';
export { ComparePanels } from './comparePanels';
