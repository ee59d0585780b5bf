/**
 * 台帳's public face: what other domains may use of it. Everything else in
 * this folder is the domain's own.
 */

export { warmInstitutionIndex } from './institution-index';
export { homePrefecture } from './io/kinds/prefecture';
export { areaSummaries, associations, centerRows, municipalityRows, overview } from './read';
export { mastersReports } from './reports';
