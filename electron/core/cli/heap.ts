/**
 * How `renkei` sizes V8's heap for a command that holds a whole large file's
 * rows while it works and then exits (`renkei import` of the 97,000-row
 * national list). Read from the words alone and set by cli/start.ts before
 * the commands' bundle loads, so the bundle's own loading does not grow the
 * young generation first.
 */
import v8 from 'node:v8';

/** Whether the command line is one that reads a whole file into memory (`renkei import`). */
export function holdsWholeFile(argv: readonly string[]): boolean {
  return argv[0] === 'import' && !argv.includes('--help') && !argv.includes('-h');
}

/**
 * The young generation keeps its first size rather than growing to two
 * 16 MiB halves, and the old one grows by 20 % over what a full collection
 * keeps rather than by the factor V8 picks (up to 4×): the national list's
 * import peaked at 241–244 MiB resident, 181–193 MiB so (at 40 %), for a few %
 * more CPU time (more collections, each smaller); 20 % since the search keys
 * are folded on a worker thread whose heap is the import's too (204–206 MiB at
 * 40 %, 192–198 at 20 %). V8 reads both at each collection, so they take effect
 * when set after its start.
 */
export function holdLessMemory(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  v8.setFlagsFromString('--heap-growing-percent=20');
}
