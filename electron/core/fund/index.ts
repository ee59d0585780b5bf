/**
 * 基金's public face: all that other domains may use of it. Everything else
 * in this folder is its own; the layer test refuses an import past this file.
 * Fund depends on no other domain: one that draws on fund projects (補助金)
 * reads a project's budget and books its spending here, and tells fund of its
 * uses through `ProjectUse`, which the composition root hands to fund's
 * handlers.
 */
export { loadFundDemo } from './demo';
export { fundBalance, fundYear, projectBudget, projectRef } from './read';
export { fundReports } from './reports';
export { bookSpending, type ProjectUse, type SpendingBooking } from './write';
