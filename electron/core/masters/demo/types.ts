/**
 * The shape of a demo prefecture's data: plain values that refer to each
 * other by name or code (ids are the database's), loaded by loadDemo().
 */
import type { Municipality, Prefecture } from '@shared/contract/masters';
import type { AreaKind, AssociationKind, CenterRole, InstitutionKind, LinkageMode, SubsidyClass } from '@shared/masters/model';

export interface DemoPopulation {
  /** YYYY-MM-DD */
  baseDate: string;
  total: number;
  age65: number;
  age75: number;
  age85: number;
  /** Area in 0.01 ㎢. */
  areaCentiKm2: number;
}

export interface DemoMunicipality extends Municipality {
  /** Figures for one or more 基準日, oldest first. */
  population: DemoPopulation[];
}

export interface DemoArea {
  kind: AreaKind;
  name: string;
  /** Name of the parent area (Hokkaido-style nesting); omitted in Niigata. */
  parent?: string;
  /** Municipality codes. */
  municipalities: string[];
}

export interface DemoAssociation {
  name: string;
  kind: AssociationKind;
  municipalities: string[];
}

export interface DemoCenter {
  name: string;
  role: CenterRole;
  /** Name of the operating medical association. */
  operator: string;
  /** Hospital the center is entrusted to, '' when the association runs it itself. */
  entrustedTo: string;
  municipalities: string[];
  /** YYYY-MM-DD or null when not known. */
  startDate: string | null;
  contact: string;
  subsidyClass: SubsidyClass;
}

export interface DemoLinkage {
  fiscalYear: number;
  municipality: string;
  /** 'a'..'h' for (ア)〜(ク). */
  item: string;
  mode: LinkageMode;
  /** Center name when mode is 'entrusted' to a center. */
  center?: string;
  /** Other body when entrusted elsewhere (e.g. a 社会福祉法人). */
  entrustedBody?: string;
  /** Municipality codes when mode is 'joint'. */
  jointWith?: string[];
  note?: string;
}

export interface DemoInstitution {
  code?: string;
  name: string;
  kind: InstitutionKind;
  municipality: string;
  address: string;
  homeCareSupport: boolean;
  enhanced: boolean;
  beds: number | null;
}

export interface DemoDesignation {
  /** Institution name. */
  institution: string;
  /** Name of the 在宅医療圏 (home_care area). */
  area: string;
  designatedOn: string;
  requirements: [boolean, boolean, boolean, boolean, boolean];
  partnerInstitutions: string[];
  partnerStations: string[];
}

export interface DemoPrefectureData {
  prefecture: Prefecture;
  areas: DemoArea[];
  municipalities: DemoMunicipality[];
  associations: DemoAssociation[];
  centers: DemoCenter[];
  linkage: DemoLinkage[];
  institutions: DemoInstitution[];
  designations: DemoDesignation[];
}
