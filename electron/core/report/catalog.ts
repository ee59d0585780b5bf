/**
 * Every report the engine offers, by name. A domain adds its reports here
 * when it lands; the gallery, the CLI and the pack list them in this order.
 */
import { fundReports } from '../fund/reports';
import { homeReports } from '../home';
import { mastersReports } from '../masters/reports';
import { subsidyReports } from '../subsidy/reports';
import { surveyReports } from '../survey/reports';
import type { ReportDefinition } from '../kernel/report-definition';

export const REPORTS: Readonly<Record<string, ReportDefinition>> = {
  ...homeReports,
  ...mastersReports,
  ...fundReports,
  ...subsidyReports,
  ...surveyReports,
};
