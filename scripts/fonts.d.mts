/** scripts/fonts.mjs, as tests/fonts.test.ts imports it. */
export interface Face {
  family: string;
  weight: number;
  /** The app's own text. */
  file: string;
  /** The other kanji. */
  more: string;
  source: string;
}
export const FONT_DIR: string;
export const FONT_CSS: string;
export const FACES: Face[];
export const FONT_SOURCE_PACKAGES: string[];
export function sourceCharacters(): Set<number>;
export function fontCharacters(own?: Set<number>): Set<number>;
export function isKanji(cp: number): boolean;
export function splitCharacters(): { common: number[]; more: number[] };
export function unicodeRange(codePoints: readonly number[]): string;
export const MORE_RANGE: string;
export function fontCss(held: readonly (readonly number[])[]): string;
export function heldCharacters(bytes: Uint8Array): Promise<number[]>;
export function sourceFontPath(face: Face): string;
/** A font file's TrueType twin, for the core's PDF writer: noto-sans-jp-400.woff2 → noto-sans-jp-400.ttf. */
export function ttfOf(file: string): string;
