/** The home domain's public face: its operations for the registry and its sample report for the catalog. */
export { homeHandlers } from './app';
export { homeReports } from './reports';
