// The one exceljs internal the reader touches (see read.ts): its table of built-in number formats.
declare module 'exceljs/lib/xlsx/defaultnumformats.js' {
  const defaultNumFormats: Record<string, { f?: string; 'ja-jp'?: string }>;
  export default defaultNumFormats;
}
