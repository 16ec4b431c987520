/** Effective access (issue 5): the pure engine's public API. See docs/effective-access.md. */
export { diffAccess, diffAccessSteps } from './diff-access.js';
export { whoCan, whoCanSteps } from './who-can.js';
export { whatCan, whatCanSteps } from './what-can.js';
export { renderDiffMarkdown } from './render-markdown.js';
export { actionCatalogOf } from './action-space.js';
export { AccessInputError } from './errors.js';
export type * from './types.js';
