/**
 * 会議・研修 operations, one line each: the bodies, a year's meetings, one
 * meeting with the items carried into it, saving and deleting, the open
 * action items, 台帳's organisations for a member's 所属, and trainings.
 */
import { handlers } from '../kernel/handlers';
import { bodies, meetingDetail, meetingList, nextNumber, openActions, organizations, trainings, years } from './read';
import * as write from './write';

export const meetingHandlers = handlers({
  'meeting.bodies.list': async (_input, { db }) => bodies(db),
  'meeting.bodies.save': async (input, { db, audit, core }) => write.saveBody(db, input, audit, core.clock()),
  'meeting.bodies.delete': async (input, { db, audit }) => write.deleteBody(db, input.id, audit),
  'meeting.years': async (_input, { db }) => years(db),
  'meeting.list': async (input, { db }) => meetingList(db, input),
  'meeting.get': async (input, { db }) => meetingDetail(db, input.id),
  'meeting.nextNumber': async (input, { db }) => nextNumber(db, input.bodyId, input.heldOn),
  'meeting.save': async (input, { db, audit, core }) => write.saveMeeting(db, input, audit, core.clock()),
  'meeting.delete': async (input, { db, audit, core }) => write.deleteMeeting(db, input.id, audit, input.version, core.clock()),
  'meeting.actions.open': async (input, { db }) => openActions(db, input),
  'meeting.organizations': async (_input, { db }) => organizations(db),
  'meeting.trainings.list': async (input, { db }) => trainings(db, input.fiscalYear),
  'meeting.trainings.save': async (input, { db, audit, core }) => write.saveTraining(db, input, audit, core.clock()),
  'meeting.trainings.delete': async (input, { db, audit, core }) => write.deleteTraining(db, input.id, audit, input.version, core.clock()),
});
