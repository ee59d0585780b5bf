/** scripts/fonts.mjs, as tests/fonts.test.ts imports it. */
export interface Face {
  file: string;
  source: string;
}
export const FONT_DIR: string;
export const FACES: Face[];
export const FONT_SOURCE_PACKAGES: string[];
export function sourceCharacters(): Set<number>;
export function fontCharacters(): Set<number>;
export function sourceFontPath(face: Face): string;
