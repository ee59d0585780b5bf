/**
 * 調査's public face: what other domains may use of it. Everything else in
 * this folder is the domain's own.
 */
export { activitySummary, activityYears } from './activity';
export { loadSurveyDemo } from './demo';
export { centerRounds, roundSummaries, roundYears } from './read';
export { surveyReports } from './reports';
export { leaveOutInstitutionAnswers } from './write';
