/** The one call of fontverter (a dependency of subset-font) the font test makes: a WOFF2 file back to TrueType. */
declare module 'fontverter' {
  const fontverter: { convert(font: Uint8Array, to: 'truetype' | 'woff' | 'woff2' | 'sfnt'): Promise<Uint8Array> };
  export default fontverter;
}
