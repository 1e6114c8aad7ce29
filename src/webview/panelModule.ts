/** Entry of dist/panel.js: the results panels, loaded on first use (see lazyResultsPanels.ts). */
export { ResultsPanels } from './resultsPanels';
