/** The home domain's public face: its sample report for the catalog (the registry takes its operations from app.ts). */
export { homeReports } from './reports';
