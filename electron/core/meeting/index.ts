/**
 * 会議・研修's public face: what other domains may use of it. A deck saved
 * with a meeting names it through `meetingRef` (「第3回 運営会議（令和5年9月12日）」).
 */
export { loadMeetingDemo } from './demo';
export { meetingRef } from './read';
export { meetingReports } from './reports';
