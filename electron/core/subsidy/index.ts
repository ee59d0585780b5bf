/**
 * 補助金's public face: all that other domains and the hosts may use of it.
 * Everything else in this folder is its own; the layer test refuses an import
 * past this file. Subsidy stands on 基金 (it reads a project's budget and books
 * its decisions as fund spending through fund's face); `fundProjectUse` is
 * what it tells fund, through the composition root, of the projects it draws on.
 */
export { loadSubsidyDemo } from './demo';
export { calculateFile } from './io';
export { type LetterRequest, subsidyLetters } from './letters';
export { fundProjectUse, noRulesError, recipientOf, rulesYears, yearResult } from './read';
export { subsidyLetterSets, subsidyReports } from './reports';
