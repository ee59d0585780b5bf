/**
 * 台帳 operations: one line per operation naming its function — reads in
 * read.ts, changes in write.ts, files in and out in io.ts, the demo in demo.ts.
 * The import and export operations sit here too, so the domain has one map.
 */
import { handlers } from '../kernel/handlers';
import { readFirst } from '../kernel/jobs/read-first';
import { loadMastersDemo } from './demo';
import * as io from './io';
import * as read from './read';
import * as write from './write';

export const mastersHandlers = handlers({
  'masters.overview': async (_input, { db }) => read.overview(db),
  'masters.prefecture.save': async (input, { db, audit, core }) => write.savePrefecture(db, input, audit, core.clock()),

  'masters.municipalities.list': async (input, { db }) => read.municipalityList(db, input),
  'masters.municipalities.get': async (input, { db }) => read.municipalityDetail(db, input.code),
  'masters.municipalities.save': async (input, { db, audit, core }) => write.saveMunicipality(db, input, audit, core.clock()),
  'masters.municipalities.delete': async (input, { db, audit, core }) =>
    write.deleteMunicipality(db, input.code, audit, input.version, core.clock()),
  'masters.populations.save': async (input, { db, audit }) => write.savePopulation(db, input, audit),
  'masters.populations.delete': async (input, { db, audit }) => write.deletePopulation(db, input.municipalityCode, input.baseDate, audit),

  'masters.areas.list': async (input, { db }) => read.areaSummaries(db, input.kind),
  'masters.areas.save': async (input, { db, audit, core }) => write.saveArea(db, input, audit, core.clock()),
  'masters.areas.delete': async (input, { db, audit, core }) => write.deleteArea(db, input.id, audit, input.version, core.clock()),
  'masters.areas.setMembers': async (input, { db, audit, core }) => write.saveAreaMembers(db, input, audit, core.clock()),

  'masters.associations.list': async (_input, { db }) => read.associations(db),
  'masters.associations.save': async (input, { db, audit, core }) => write.saveAssociation(db, input, audit, core.clock()),
  'masters.associations.delete': async (input, { db, audit, core }) =>
    write.deleteAssociation(db, input.id, audit, input.version, core.clock()),

  'masters.centers.list': async (input, { db }) => read.centerRows(db, input.fiscalYear),
  'masters.centers.save': async (input, { db, audit, core }) => write.saveCenter(db, input, audit, core.clock(), core.session.role),
  'masters.centers.delete': async (input, { db, audit, core }) => write.deleteCenter(db, input.id, audit, input.version, core.clock()),

  'masters.linkage.list': async (input, { db }) => read.linkageItems(db, input.fiscalYear, input.municipalityCode),
  'masters.linkage.years': async (_input, { db }) => read.linkageYears(db),
  'masters.linkage.save': async (input, { db, audit, core }) =>
    write.saveLinkage(db, input.municipalityCode, input.fiscalYear, input.items, audit, input.version, core.clock(), core.session),

  'masters.institutions.list': async (input, { db, core }) => read.institutionList(db, core, input),
  'masters.institutions.get': async (input, { db }) => read.institutionDetail(db, input.id),
  'masters.institutions.save': async (input, { db, audit, core }) => write.saveInstitution(db, input, audit, core.clock()),
  'masters.institutions.delete': async (input, { db, audit, core }) =>
    write.deleteInstitution(db, input.id, audit, input.version, core.clock()),

  'masters.designations.list': async (input, { db }) => read.designationRows(db, input.asOf),
  'masters.designations.save': async (input, { db, audit, core }) => write.saveDesignation(db, input, audit, core.clock()),
  'masters.designations.delete': async (input, { db, audit, core }) =>
    write.deleteDesignation(db, input.id, audit, input.version, core.clock()),

  'masters.import.preview': readFirst(io.readUploadOf, io.previewUpload),
  'masters.import.commit': readFirst(io.readForCommitOf, io.commitUpload),
  'masters.import.template': async (input, { db }) => io.templateFile(db, input),
  'masters.export': async (input, { db }) => io.exportFile(db, input),

  'masters.demo.load': async (_input, { db, audit }) => loadMastersDemo(db, audit),
});
