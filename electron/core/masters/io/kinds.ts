/**
 * The 台帳 kinds that import from files, one file each under kinds/: their
 * columns as users head them in Excel (with the other names people use), how
 * a row becomes a record, and how records are written (through
 * masters/write.ts, or in bulk for the 100,000-row institution lists, still
 * with an audit entry per record).
 */

import type { ImportKindSpec } from '@core/tabular/import-engine';
import type { ImportKind } from '@shared/contract/masters-io';
import { areaImport } from './kinds/areas';
import { associationImport } from './kinds/associations';
import { centerImport } from './kinds/centers';
import { designationImport } from './kinds/designations';
import { institutionImport } from './kinds/institutions';
import { linkageImport } from './kinds/linkage';
import { municipalityImport } from './kinds/municipalities';
import { populationImport } from './kinds/populations';

/** Each kind's spec; the engine is generic, so the map is typed loosely here and only here. */
// biome-ignore lint/suspicious/noExplicitAny: each kind has its own record and context types; the engine is generic over them.
export const IMPORT_SPECS: Record<ImportKind, ImportKindSpec<any, any>> = {
  municipalities: municipalityImport,
  populations: populationImport,
  institutions: institutionImport,
  areas: areaImport,
  associations: associationImport,
  centers: centerImport,
  linkage: linkageImport,
  designations: designationImport,
};
