/**
 * Bench only: the demo prefecture grown `factor` times through the core's own
 * operations (the saves a user makes), so a pack at 10× prints what a large
 * prefecture's would: 10× gives 40 基金 projects, 170 centers and 80
 * designations. Each new record is a copy of a demo record under a new
 * number, name or code.
 */
import type { Core } from '@core/core';
import { FUND_SIDES } from '@shared/contract/fund';

/** Copies of `rows`, round-robin, until there are `target`; `save` makes one from the source row and its copy number. */
async function grow<T>(rows: readonly T[], target: number, save: (row: T, n: number) => Promise<unknown>): Promise<void> {
  for (let n = rows.length; n < target; n += 1) await save(rows[n % rows.length]!, n);
}

/** The demo's centers copied until there are `factor` times as many; gives how many there are. */
export async function growCenters(core: Core, factor: number): Promise<number> {
  const centers = await core.call('masters.centers.list', { fiscalYear: 2023 });
  await grow(centers, centers.length * factor, ({ id: _id, operatorName: _o, entrustingCodes: _e, ...c }, n) =>
    core.call('masters.centers.save', { ...c, name: `${c.name}（${n}）`.slice(0, 80) }),
  );
  return (await core.call('masters.centers.list', { fiscalYear: 2023 })).length;
}

export async function growDemo(core: Core, factor: number): Promise<{ projects: number; centers: number; designations: number }> {
  for (const side of FUND_SIDES) {
    const projects = await core.call('fund.projects.list', { side });
    await grow(projects, projects.length * factor, ({ id: _id, ...p }, n) =>
      core.call('fund.projects.save', { ...p, number: `${p.number}-${n}`.slice(0, 20), name: `${p.name}（${n}）` }),
    );
  }

  await growCenters(core, factor);

  const designations = await core.call('masters.designations.list', {});
  const institutions = (await core.call('masters.institutions.list', { search: '' })).rows;
  await grow(designations, designations.length * factor, async (d, n) => {
    const source = institutions.find((i) => i.id === d.institutionId)!;
    const { id: _id, municipalityName: _m, ...institution } = source;
    const copy = await core.call('masters.institutions.save', {
      ...institution,
      code: String(9_000_000_000 + n),
      name: `${institution.name}（${n}）`.slice(0, 100),
    });
    return core.call('masters.designations.save', {
      institutionId: copy.id,
      areaId: d.areaId,
      designatedOn: d.designatedOn,
      requirements: d.requirements,
      partnerInstitutionIds: d.partnerInstitutionIds,
      partnerStationIds: d.partnerStationIds,
    });
  });
  return {
    projects:
      (await core.call('fund.projects.list', { side: 'medical' })).length +
      (await core.call('fund.projects.list', { side: 'care' })).length,
    centers: (await core.call('masters.centers.list', { fiscalYear: 2023 })).length,
    designations: (await core.call('masters.designations.list', {})).length,
  };
}
