/**
 * Whether a `renkei` command line prints for certain — `report pack`, or one report with `--format pdf` — read from
 * the words alone, before the commands are loaded (cli/start.ts starts the browser for it then). A wrong yes costs
 * a browser started and ended unused; a wrong no, the browser started later, by the printer, as before.
 */
export function printsForCertain(argv: readonly string[]): boolean {
  if (argv[0] !== 'report' || argv.includes('--help') || argv.includes('-h')) return false;
  const format = argv.find((word) => word.startsWith('--format='))?.slice('--format='.length) ?? argv[argv.indexOf('--format') + 1];
  const first = argv.slice(1).find((word, i, words) => !word.startsWith('-') && !(words[i - 1] ?? '').startsWith('--'));
  return first === 'pack' || (first !== 'list' && format === 'pdf');
}
