/**
 * 独自様式's public face: what other domains and the demo may use of it.
 * Everything else in this folder is its own.
 */
export { loadTemplateDemo } from './demo';
