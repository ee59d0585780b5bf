/**
 * The facts of the seeds (000: Niigata's center network and 交付要綱; 004: the
 * designation tables) held on the demo data, so an edit cannot silently break them.
 */
import { describe, expect, it } from 'vitest';
import { isValidLocalGovCode } from '@shared/lgcode';
import type { AreaKind } from '@shared/masters/model';
import { nationalListRows } from '@tests/support/reference';
import { NIIGATA } from './niigata';

/** R5 基準額 of 在宅医療推進センター運営事業 (seed 000, 令和5年度予算概要). */
const BASE_AMOUNT = { large_county: 6_973_000, other_county: 4_453_000, prefectural: 5_778_000 } as const;
const BASE_AMOUNT_TOTAL = 84_586_000;

const { municipalities, areas, associations, centers, linkage, institutions, designations } = NIIGATA;
const allCodes = municipalities.map((m) => m.code).sort();

/** How many times each municipality appears across the groups. */
function membershipCounts(groups: { municipalities: string[] }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const group of groups) {
    for (const code of group.municipalities) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

function expectPartition(groups: { municipalities: string[] }[]): void {
  const counts = membershipCounts(groups);
  expect([...counts.keys()].sort()).toEqual(allCodes);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

function areasOf(kind: AreaKind) {
  return areas.filter((a) => a.kind === kind);
}

function unique(values: string[]): boolean {
  return new Set(values).size === values.length;
}

describe('デモ 新潟県: 市町村', () => {
  it('has the 30 municipalities, 20市6町4村 (seed 000)', () => {
    expect(NIIGATA.prefecture).toEqual({ code: '15', name: '新潟県' });
    expect(municipalities).toHaveLength(30);
    expect(unique(allCodes)).toBe(true);
    const byType = (type: string) => municipalities.filter((m) => m.type === type).length;
    expect([byType('市'), byType('町'), byType('村')]).toEqual([20, 6, 4]);
  });

  it('uses valid codes that the real national list gives to the same names under 新潟県', () => {
    const real = new Map(
      nationalListRows()
        .filter((cols) => cols[1] === '新潟県')
        .map((cols) => [cols.at(-1)!, { name: cols[3], kana: cols[4] }]),
    );
    for (const m of municipalities) {
      expect(isValidLocalGovCode(m.code), m.code).toBe(true);
      expect(real.get(m.code), m.name).toEqual({ name: m.name, kana: m.kana });
    }
  });

  it('marks 新潟市 as 政令市 and no 中核市 (長岡市・上越市 are 施行時特例市, seed 000)', () => {
    expect(municipalities.filter((m) => m.designatedCity).map((m) => m.name)).toEqual(['新潟市']);
    expect(municipalities.filter((m) => m.coreCity)).toEqual([]);
  });

  it('has plausible 2020 census figures: total > 65+ > 75+ > 85+ > 0 and an area', () => {
    for (const m of municipalities) {
      expect(m.population.length, m.name).toBeGreaterThan(0);
      for (const p of m.population) {
        expect(p.baseDate).toBe('2020-10-01');
        expect(p.total > p.age65 && p.age65 > p.age75 && p.age75 > p.age85 && p.age85 > 0, m.name).toBe(true);
        expect(Number.isInteger(p.areaCentiKm2) && p.areaCentiKm2 > 0, m.name).toBe(true);
      }
    }
    const total = municipalities.reduce((sum, m) => sum + m.population[0]!.total, 0);
    expect(total).toBeGreaterThan(2_150_000);
    expect(total).toBeLessThan(2_250_000);
  });
});

describe('デモ 新潟県: 圏域', () => {
  it('has the 7 二次医療圏 of seed 000, each municipality in exactly one', () => {
    expect(areasOf('secondary').map((a) => a.name)).toEqual(['下越', '新潟', '県央', '中越', '魚沼', '上越', '佐渡']);
    expectPartition(areasOf('secondary'));
  });

  it('partitions the municipalities into 在宅医療圏 and 保健所圏域 too', () => {
    expect(areasOf('home_care').length).toBeGreaterThan(0);
    expectPartition(areasOf('home_care'));
    expect(areasOf('health_center').length).toBeGreaterThan(0);
    expectPartition(areasOf('health_center'));
    for (const kind of ['secondary', 'home_care', 'health_center'] as const) {
      expect(unique(areasOf(kind).map((a) => a.name)), kind).toBe(true);
    }
  });
});

describe('デモ 新潟県: 医師会とセンター', () => {
  const county = associations.filter((a) => a.kind === 'county');
  const associationByName = new Map(associations.map((a) => [a.name, a]));

  it('has 16 郡市医師会 and the 県医師会 (seed 000), each municipality in exactly one 郡市医師会', () => {
    expect(county).toHaveLength(16);
    const prefectural = associations.filter((a) => a.kind === 'prefectural');
    expect(prefectural.map((a) => a.name)).toEqual(['新潟県医師会']);
    expect([...prefectural[0]!.municipalities].sort()).toEqual(allCodes);
    expectPartition(county);
    expect(unique(associations.map((a) => a.name))).toBe(true);
  });

  it('has 17 centers: 1 基幹 and 16 地域, 4 entrusted to hospitals (seed 000)', () => {
    expect(centers).toHaveLength(17);
    expect(unique(centers.map((c) => c.name))).toBe(true);
    expect(centers.filter((c) => c.role === 'core')).toHaveLength(1);
    expect(centers.filter((c) => c.role === 'regional')).toHaveLength(16);
    expect(centers.filter((c) => c.entrustedTo !== '')).toHaveLength(4);
  });

  it('gives one 地域 center to each 郡市医師会 and the 基幹 to the 県医師会', () => {
    const regionalOperators = centers.filter((c) => c.role === 'regional').map((c) => c.operator);
    expect(regionalOperators.sort()).toEqual(county.map((a) => a.name).sort());
    expect(centers.find((c) => c.role === 'core')?.operator).toBe('新潟県医師会');
  });

  it('sums the R5 基準額 by subsidy class to 84,586,000 円 (交付要綱, seed 000)', () => {
    const count = (cls: string) => centers.filter((c) => c.subsidyClass === cls).length;
    expect([count('large_county'), count('other_county'), count('prefectural')]).toEqual([3, 13, 1]);
    const large = centers.filter((c) => c.subsidyClass === 'large_county').map((c) => c.operator);
    expect(large.sort()).toEqual(['上越医師会', '新潟市医師会', '長岡市医師会'].sort());
    const sum = centers.reduce((total, c) => total + BASE_AMOUNT[c.subsidyClass], 0);
    expect(sum).toBe(BASE_AMOUNT_TOTAL);
  });

  it("runs every center by an association in the data that covers the center's municipalities", () => {
    for (const center of centers) {
      const operator = associationByName.get(center.operator);
      expect(operator, center.name).toBeDefined();
      expect(center.municipalities.length, center.name).toBeGreaterThan(0);
      for (const code of center.municipalities) expect(operator!.municipalities, center.name).toContain(code);
    }
  });

  it('dates centers no earlier than the 整備事業 (平成27年) and marks contacts as demo', () => {
    for (const center of centers) {
      if (center.startDate !== null) expect(center.startDate >= '2015-04-01', center.name).toBe(true);
      expect(center.contact, center.name).toContain('（デモ）');
    }
  });
});

describe('デモ 新潟県: 在宅医療・介護連携推進事業 (令和5年度)', () => {
  const centerByName = new Map(centers.map((c) => [c.name, c]));
  const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

  it('has each municipality × item (ア)〜(ク) exactly once for FY 2023', () => {
    expect(linkage).toHaveLength(240);
    expect(linkage.every((row) => row.fiscalYear === 2023)).toBe(true);
    const keys = linkage.map((row) => `${row.municipality}:${row.item}`);
    expect(unique(keys)).toBe(true);
    expect(new Set(linkage.map((row) => row.municipality))).toEqual(new Set(allCodes));
    expect(new Set(linkage.map((row) => row.item))).toEqual(new Set(items));
  });

  it('has 15 of the 30 municipalities entrust work to a center that covers them (seed 000)', () => {
    const toCenter = linkage.filter((row) => row.mode === 'entrusted' && row.center);
    expect(new Set(toCenter.map((row) => row.municipality)).size).toBe(15);
    for (const row of toCenter) {
      const center = centerByName.get(row.center!);
      expect(center, row.center).toBeDefined();
      expect(center!.municipalities, row.center).toContain(row.municipality);
    }
  });

  it('names who does the work for every entrusted or joint row', () => {
    for (const row of linkage) {
      if (row.mode === 'entrusted') expect(Boolean(row.center) !== Boolean(row.entrustedBody), row.municipality).toBe(true);
      if (row.mode === 'joint') {
        expect(row.jointWith?.length, row.municipality).toBeGreaterThan(0);
        for (const partner of row.jointWith!) {
          expect(allCodes).toContain(partner);
          const back = linkage.find((r) => r.municipality === partner && r.item === row.item);
          expect(back?.mode, `${partner}:${row.item}`).toBe('joint');
          expect(back?.jointWith, `${partner}:${row.item}`).toContain(row.municipality);
        }
      }
    }
  });

  it('leaves the centers entrusted to hospitals without municipal contracts (seed 000)', () => {
    const hospitalRun = centers.filter((c) => c.entrustedTo !== '').map((c) => c.name);
    expect(linkage.filter((row) => row.center && hospitalRun.includes(row.center))).toEqual([]);
  });
});

describe('デモ 新潟県: 医療機関と積極的役割を担う医療機関の指定', () => {
  const institutionByName = new Map(institutions.map((i) => [i.name, i]));
  const homeCareAreas = areasOf('home_care');

  it('has uniquely named fictional institutions of every kind in all 7 areas', () => {
    expect(unique(institutions.map((i) => i.name))).toBe(true);
    expect(institutions.filter((i) => i.kind === 'nursing_station').length).toBeGreaterThanOrEqual(5);
    expect(institutions.filter((i) => i.kind === 'hospital' && (i.beds ?? 0) > 0).length).toBeGreaterThanOrEqual(3);
    for (const i of institutions) {
      expect(allCodes, i.name).toContain(i.municipality);
      expect(i.address, i.name).toMatch(/^新潟県.*（デモ）$/);
      if (i.enhanced) expect(i.homeCareSupport, i.name).toBe(true);
    }
    for (const area of areasOf('secondary')) {
      expect(
        institutions.some((i) => area.municipalities.includes(i.municipality)),
        area.name,
      ).toBe(true);
    }
  });

  it('designates institutions to a 在宅医療圏 they are in, with ①②③ always met (seed 004)', () => {
    expect(designations.length).toBeGreaterThan(0);
    expect(unique(designations.map((d) => `${d.institution}:${d.area}`))).toBe(true);
    for (const d of designations) {
      const institution = institutionByName.get(d.institution);
      expect(institution, d.institution).toBeDefined();
      expect(institution!.kind, d.institution).not.toBe('nursing_station');
      const area = homeCareAreas.find((a) => a.name === d.area);
      expect(area, d.area).toBeDefined();
      expect(area!.municipalities, d.institution).toContain(institution!.municipality);
      expect(d.requirements.slice(0, 3), d.institution).toEqual([true, true, true]);
    }
  });

  it('names partners that exist: institutions that are not stations, and visiting-nurse stations', () => {
    for (const d of designations) {
      expect(d.partnerInstitutions.length, d.institution).toBeGreaterThan(0);
      expect(d.partnerStations.length, d.institution).toBeGreaterThan(0);
      for (const name of d.partnerInstitutions) {
        expect(institutionByName.get(name)?.kind, name).toMatch(/^(hospital|clinic)$/);
        expect(name).not.toBe(d.institution);
      }
      for (const name of d.partnerStations) expect(institutionByName.get(name)?.kind, name).toBe('nursing_station');
    }
  });
});
