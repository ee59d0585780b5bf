/** 台帳 operations: list, read, save and delete each kind of master record, and the views over them. */
import { z } from 'zod';
import { localGovCodeMessage, localGovCodeProblem } from '../lgcode';
import {
  AREA_KINDS,
  type AreaKind,
  ASSOCIATION_KINDS,
  CENTER_ROLES,
  DESIGNATION_REQUIREMENTS,
  INSTITUTION_KINDS,
  LINKAGE_MODES,
  MUNICIPALITY_TYPES,
  SUBSIDY_CLASSES,
} from '../masters/model';
import { normalizeDigitsCode } from '../numbers';
import { emptyInput, fiscalYearSchema, isoDateSchema, versionSchema } from './common';
import { lazySchema, mutation, query } from './define';

const name = (label: string, max = 100) =>
  z
    .string()
    .trim()
    .min(1, { message: `${label}を入力してください` })
    .max(max, { message: `${label}は${max}文字以内で入力してください` });

/** A 団体コード as typed: １５１００９ and 151009 are the same code. */
export const localGovCodeSchema = lazySchema(() =>
  z
    .string()
    .overwrite(normalizeDigitsCode)
    .superRefine((code, ctx) => {
      const problem = localGovCodeProblem(code);
      if (problem) ctx.addIssue({ code: 'custom', message: localGovCodeMessage(code, problem) });
    }),
);

const count = (label: string) =>
  z
    .number({ message: `${label}は数値で入力してください` })
    .int({ message: `${label}は整数で入力してください` })
    .min(0, { message: `${label}は0以上にしてください` })
    .max(50_000_000, { message: `${label}が大きすぎます` });

const id = lazySchema(() => z.number().int().positive());

export const prefectureSchema = lazySchema(() =>
  z.object({
    code: z
      .string()
      .overwrite(normalizeDigitsCode)
      .regex(/^\d{2}$/, { message: '都道府県コードは2桁の数字で入力してください' }),
    name: name('都道府県名', 10),
  }),
);

export const municipalitySaveSchema = lazySchema(() =>
  z
    .object({
      code: localGovCodeSchema,
      name: name('市区町村名', 40),
      kana: z.string().trim().max(80),
      type: z.enum(MUNICIPALITY_TYPES, { message: '種別は市・町・村・区のいずれかです' }),
      designatedCity: z.boolean(),
      coreCity: z.boolean(),
      /** Area id of each kind it belongs to (null: none). */
      areas: z.partialRecord(z.enum(AREA_KINDS), id.nullable()),
      /** true: a new record (refused if the code exists); false: an update. */
      isNew: z.boolean(),
      version: versionSchema,
    })
    .strict(),
);

export const populationSchema = lazySchema(() =>
  z
    .object({
      municipalityCode: localGovCodeSchema,
      baseDate: isoDateSchema,
      total: count('総人口'),
      age65: count('65歳以上人口'),
      age75: count('75歳以上人口'),
      age85: count('85歳以上人口'),
      areaCentiKm2: z.number().int().min(0, { message: '面積に負の数は入力できません。0以上で入力してください' }).nullable(),
    })
    .strict()
    .refine((p) => p.age65 <= p.total, { message: '65歳以上人口が総人口を超えています', path: ['age65'] })
    .refine((p) => p.age75 <= p.age65, { message: '75歳以上人口が65歳以上人口を超えています', path: ['age75'] })
    .refine((p) => p.age85 <= p.age75, { message: '85歳以上人口が75歳以上人口を超えています', path: ['age85'] }),
);

export const areaSaveSchema = lazySchema(() =>
  z
    .object({
      id: id.optional(),
      kind: z.enum(AREA_KINDS),
      name: name('圏域名', 40),
      parentId: id.nullable(),
      sortOrder: z
        .number({ message: '表示順は数値で入力してください' })
        .int({ message: '表示順は整数で入力してください' })
        .min(0, { message: '表示順に負の数は入力できません。0以上で入力してください' })
        .max(9999, { message: '表示順は9999以下で入力してください' }),
      version: versionSchema,
    })
    .strict(),
);

export const associationSaveSchema = lazySchema(() =>
  z
    .object({
      id: id.optional(),
      name: name('医師会名', 60),
      kind: z.enum(ASSOCIATION_KINDS),
      municipalityCodes: z.array(z.string()),
      version: versionSchema,
    })
    .strict(),
);

export const centerSaveSchema = lazySchema(() =>
  z
    .object({
      id: id.optional(),
      name: name('センター名', 80),
      role: z.enum(CENTER_ROLES),
      operatorAssociationId: id.nullable(),
      entrustedTo: z.string().trim().max(80),
      municipalityCodes: z.array(z.string()),
      startDate: isoDateSchema.nullable(),
      contact: z.string().trim().max(200),
      subsidyClass: z.enum(SUBSIDY_CLASSES),
      version: versionSchema,
    })
    .strict(),
);

export const linkageItemSchema = lazySchema(() =>
  z
    .object({
      item: z.string().trim().min(1).max(20),
      mode: z.enum(LINKAGE_MODES),
      centerId: id.nullable(),
      entrustedBody: z.string().trim().max(80),
      jointWith: z.array(z.string()),
      note: z.string().trim().max(500),
    })
    .strict()
    .refine((i) => i.mode !== 'entrusted' || i.centerId !== null || i.entrustedBody !== '', {
      message: '委託の場合は委託先（センターまたは団体名）を入力してください',
      path: ['entrustedBody'],
    })
    .refine((i) => i.mode !== 'joint' || i.jointWith.length > 0, {
      message: '広域の場合は共同で実施する市町村を選んでください',
      path: ['jointWith'],
    }),
);

export const institutionSaveSchema = lazySchema(() =>
  z
    .object({
      id: id.optional(),
      code: z
        .string()
        .overwrite(normalizeDigitsCode)
        .regex(/^[0-9]{7,10}$/, { message: '医療機関コードは7〜10桁の数字で入力してください' })
        .nullable(),
      name: name('医療機関名', 100),
      kind: z.enum(INSTITUTION_KINDS, { message: '種別は病院・診療所・訪問看護ステーションのいずれかです' }),
      municipalityCode: z.string().nullable(),
      address: z.string().trim().max(200),
      homeCareSupport: z.boolean(),
      enhanced: z.boolean(),
      beds: z
        .number({ message: '病床数は数値で入力してください' })
        .int({ message: '病床数は整数で入力してください' })
        .min(0, { message: '病床数は0以上にしてください' })
        .max(5000, { message: '病床数が大きすぎます' })
        .nullable(),
      version: versionSchema,
    })
    .strict(),
);

export const designationSaveSchema = lazySchema(() =>
  z
    .object({
      id: id.optional(),
      institutionId: id,
      areaId: id,
      designatedOn: isoDateSchema,
      requirements: z.tuple([z.boolean(), z.boolean(), z.boolean(), z.boolean(), z.boolean()]),
      partnerInstitutionIds: z.array(id),
      partnerStationIds: z.array(id),
      version: versionSchema,
    })
    .strict()
    .superRefine((d, ctx) => {
      DESIGNATION_REQUIREMENTS.forEach((r, i) => {
        if (r.required && !d.requirements[i]) {
          ctx.addIssue({ code: 'custom', path: ['requirements', i], message: `必須要件「${r.label}」を満たしていないため指定できません` });
        }
      });
    }),
);

/* Each master record as it crosses the boundary: what its save schema accepts, with the id it was given. */
type Saved<T extends { id?: number; version?: number }> = Omit<T, 'id' | 'version'> & { id: number; version: number };

export type Prefecture = z.output<typeof prefectureSchema>;
export type Municipality = Omit<z.output<typeof municipalitySaveSchema>, 'areas' | 'isNew' | 'version'>;
export type PopulationFigure = z.output<typeof populationSchema>;
export type Area = Saved<z.output<typeof areaSaveSchema>>;
export type MedicalAssociation = Saved<z.output<typeof associationSaveSchema>>;
export type Center = Saved<z.output<typeof centerSaveSchema>>;
/** `version`: the municipality's items of the year share one (saved together; 0 = none saved yet). */
export type LinkageItem = z.output<typeof linkageItemSchema> & { municipalityCode: string; fiscalYear: number; version: number };
export type Institution = Saved<z.output<typeof institutionSaveSchema>>;
export type Designation = Saved<z.output<typeof designationSaveSchema>>;

export interface AreaRef {
  id: number;
  name: string;
}

export interface MunicipalityRow extends Municipality {
  version: number;
  areas: Partial<Record<AreaKind, AreaRef>>;
  population: PopulationFigure | null;
}

export type PopulationTotals = Pick<PopulationFigure, 'total' | 'age65' | 'age75' | 'age85'>;

export interface AreaSummary extends Area {
  municipalityCodes: string[];
  /** Sums of each member's latest figures; members without figures are counted in `missing`. */
  totals: PopulationTotals;
  missing: number;
}

export interface CenterRow extends Center {
  operatorName: string | null;
  /** Municipalities entrusting at least one item to this center in the fiscal year asked for. */
  entrustingCodes: string[];
}

export interface InstitutionRow extends Institution {
  municipalityName: string | null;
}

export interface DesignationRow extends Designation {
  institutionName: string;
  areaName: string;
  partnerInstitutionNames: string[];
  partnerStationNames: string[];
}

export interface MastersOverview {
  prefecture: (Prefecture & { version: number }) | null;
  counts: { municipalities: number; areas: number; associations: number; centers: number; institutions: number; designations: number };
}

export const mastersOperations = {
  'masters.overview': query<MastersOverview>('台帳の概要')(() => emptyInput),
  'masters.prefecture.save': mutation<Prefecture & { version: number }>('都道府県の保存')(() =>
    prefectureSchema.extend({ version: versionSchema }).strict(),
  ),
  'masters.municipalities.list': query<MunicipalityRow[]>('市区町村の一覧')(() =>
    z.object({ search: z.string().default(''), areaId: id.optional() }).strict(),
  ),
  'masters.municipalities.get': query<{ row: MunicipalityRow; populations: PopulationFigure[] }>('市区町村の表示')(() =>
    z.object({ code: z.string() }).strict(),
  ),
  'masters.municipalities.save': mutation<MunicipalityRow>('市区町村の保存')(() => municipalitySaveSchema),
  'masters.municipalities.delete': mutation<null>('市区町村の削除')(() => z.object({ code: z.string(), version: versionSchema }).strict()),
  'masters.populations.save': mutation<PopulationFigure>('人口の保存')(() => populationSchema),
  'masters.populations.delete': mutation<null>('人口の削除')(() =>
    z.object({ municipalityCode: z.string(), baseDate: isoDateSchema }).strict(),
  ),
  'masters.areas.list': query<AreaSummary[]>('圏域の一覧')(() => z.object({ kind: z.enum(AREA_KINDS).optional() }).strict()),
  'masters.areas.save': mutation<Area>('圏域の保存')(() => areaSaveSchema),
  'masters.areas.delete': mutation<null>('圏域の削除')(() => z.object({ id, version: versionSchema }).strict()),
  /** Sets an area's member municipalities (each leaves the other area of the same kind it was in). */
  'masters.areas.setMembers': mutation<AreaSummary>('圏域の構成市町村の変更')(() =>
    /** `version`: the area's, as the screen read it; the change moves it (and that of each area a member left). */
    z.object({ id, municipalityCodes: z.array(z.string()), version: versionSchema }).strict(),
  ),
  'masters.associations.list': query<MedicalAssociation[]>('医師会の一覧')(() => emptyInput),
  'masters.associations.save': mutation<MedicalAssociation>('医師会の保存')(() => associationSaveSchema),
  'masters.associations.delete': mutation<null>('医師会の削除')(() => z.object({ id, version: versionSchema }).strict()),
  'masters.centers.list': query<CenterRow[]>('センターの一覧')(() => z.object({ fiscalYear: fiscalYearSchema }).strict()),
  'masters.centers.save': mutation<Center>('センターの保存')(() => centerSaveSchema),
  'masters.centers.delete': mutation<null>('センターの削除')(() => z.object({ id, version: versionSchema }).strict()),
  'masters.linkage.list': query<LinkageItem[]>('連携推進事業の一覧')(() =>
    z.object({ fiscalYear: fiscalYearSchema, municipalityCode: z.string().optional() }).strict(),
  ),
  'masters.linkage.years': query<number[]>('連携推進事業の年度一覧')(() => emptyInput),
  'masters.linkage.save': mutation<LinkageItem[]>('連携推進事業の保存')(() =>
    z
      .object({ municipalityCode: z.string(), fiscalYear: fiscalYearSchema, items: z.array(linkageItemSchema), version: versionSchema })
      .strict(),
  ),
  'masters.institutions.list': query<{ rows: InstitutionRow[]; total: number }>('医療機関の一覧')(() =>
    z
      .object({
        search: z.string().default(''),
        kind: z.enum(INSTITUTION_KINDS).optional(),
        areaId: id.optional(),
        sort: z.enum(['name', 'code', 'municipality', 'kind']).default('name'),
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  'masters.institutions.get': query<InstitutionRow>('医療機関の表示')(() => z.object({ id }).strict()),
  'masters.institutions.save': mutation<Institution>('医療機関の保存')(() => institutionSaveSchema),
  'masters.institutions.delete': mutation<null>('医療機関の削除')(() => z.object({ id, version: versionSchema }).strict()),
  'masters.designations.list': query<DesignationRow[]>('指定の一覧')(() => z.object({ asOf: isoDateSchema.optional() }).strict()),
  'masters.designations.save': mutation<Designation>('指定の保存')(() => designationSaveSchema),
  'masters.designations.delete': mutation<null>('指定の削除')(() => z.object({ id, version: versionSchema }).strict()),
  'masters.demo.load': mutation<MastersOverview>('デモデータの読み込み')(() => emptyInput),
};
