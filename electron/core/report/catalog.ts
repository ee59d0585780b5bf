/**
 * Every report the engine offers, by name. A domain adds its reports here
 * when it lands; the gallery, the CLI and the pack list them in this order.
 */
import { fundReports } from '../fund';
import { homeReports } from '../home';
import type { DocumentSetDefinition, ReportDefinition } from '../kernel/report-definition';
import { mastersReports } from '../masters';
import { meetingReports } from '../meeting';
import { subsidyLetterSets, subsidyReports } from '../subsidy';
import { surveyReports } from '../survey';

export const REPORTS: Readonly<Record<string, ReportDefinition>> = {
  ...homeReports,
  ...mastersReports,
  ...fundReports,
  ...subsidyReports,
  ...surveyReports,
  ...meetingReports,
};

/** Sets of letters, one document per addressee, by name (report.set). */
export const DOCUMENT_SETS: Readonly<Record<string, DocumentSetDefinition>> = {
  ...subsidyLetterSets,
};
