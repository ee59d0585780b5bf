/**
 * 台帳's public face: what other domains may use of it. Everything else in
 * this folder is the domain's own.
 */
export { associations, overview } from './read';
export { mastersReports } from './reports';
