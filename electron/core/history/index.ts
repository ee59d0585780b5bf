/** The history domain's public face: its operations for the registry. */
export { historyHandlers } from './app';
