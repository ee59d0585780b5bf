/** Small records tests build on, made through the core's own operations as a screen would. */
import type { Core } from '@core/core';
import type { OpInput } from '@shared/contract';

/** 札幌市 and its 医師会 (version 0): the least a test of one record's versions needs. */
export async function sapporoAssociation(core: Core) {
  await core.call('masters.municipalities.save', {
    code: '011002',
    name: '札幌市',
    kana: 'さっぽろし',
    type: '市',
    designatedCity: true,
    coreCity: false,
    areas: {},
    isNew: true,
  });
  const form = { kind: 'county' as const, municipalityCodes: ['011002'] };
  const association = await core.call('masters.associations.save', { name: '札幌市医師会', ...form });
  return { form, association };
}

/** What `masters.centers.save` takes for a new center named `name`: a regional one of no municipality or 医師会. */
export function newCenter(name: string) {
  return {
    name,
    role: 'regional' as const,
    operatorAssociationId: null,
    entrustedTo: '',
    municipalityCodes: [],
    startDate: null,
    contact: '',
    subsidyClass: 'other_county' as const,
    version: 0,
  };
}

/** `count` more centers (追加在宅医療推進センター01, 02…) of no municipality: the demo's 17 fit one slide, 30 more do not. */
export async function addCenters(call: (name: 'masters.centers.save', input: unknown) => Promise<unknown>, count: number) {
  for (let n = 1; n <= count; n += 1)
    await call('masters.centers.save', newCenter(`追加在宅医療推進センター${String(n).padStart(2, '0')}`));
}

/** 令和6年度 on the demo: the 要綱 copied from 令和5年度 and the center project (Ⅱ-1) budgeted at 84,586,000 円 again, as an officer starts the year. */
export async function nextYearBudgeted(core: Core) {
  await core.call('subsidy.rules.copy', { from: 2023, to: 2024 });
  const project = (await core.call('fund.projects.list', { side: 'medical' })).find((p) => p.number === 'Ⅱ-1')!;
  const version = await core.call('fund.versions.create', {
    side: 'medical',
    fiscalYear: 2024,
    kind: 'initial',
    datedOn: '2024-04-01',
    reason: '令和6年度当初予算',
  });
  await core.call('fund.amounts.save', {
    versionId: version.id,
    lines: [
      { projectId: project.id, fundAmount: 84_586_000, otherAmount: 0, publicAmount: 0, privateAmount: 56_390_666, entrustedAmount: 0 },
    ],
  });
  return project;
}

/** What `fund.projects.save` takes for a new project of the prefecture's own on the 医療 side, Ⅴ-9 `name`, from `startFy`. */
export function newFundProject(name: string, startFy: number) {
  return { side: 'medical' as const, number: 'Ⅴ-9', name, categoryCode: 'Ⅴ', operatorKind: 'prefecture' as const, startFy };
}

/**
 * What `masters.institutions.save` takes for a new institution named `name`: a clinic of no code, municipality or
 * address, neither 在宅療養支援 nor 機能強化型, no beds; `fields` says what differs.
 * @example newInstitution('〇〇医院', { municipalityCode: '152021' })
 */
export function newInstitution(name: string, fields: Partial<OpInput<'masters.institutions.save'>> = {}) {
  return {
    code: null,
    name,
    kind: 'clinic' as const,
    municipalityCode: null,
    address: '',
    homeCareSupport: false,
    enhanced: false,
    beds: null,
    ...fields,
  };
}
