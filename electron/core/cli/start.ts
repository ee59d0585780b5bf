/**
 * `renkei`'s first file (dist/core/cli.cjs): small, so it acts before the commands' bundle (dist/core/cli-commands.cjs,
 * 6 MB) is loaded. It keeps V8's compiled code of that bundle between runs (in the temp folder), which spares every
 * command most of the bundle's compiling, and for a command that prints for certain it starts the browser at once, so
 * Chromium starts while Node loads the commands and opens the database.
 */
import 'v8-compile-cache';
import { launchPrintingBrowser } from '../kernel/browser/browser';
import { printsForCertain } from './prints';
import { exitOnSignals } from './signals';

const argv = process.argv.slice(2);
const early = printsForCertain(argv) ? launchPrintingBrowser() : null;
// Ctrl+C, kill or a closed terminal from now on ends the command as the printing commands do: exiting ends the browser.
if (early) exitOnSignals();
// Loaded only now, through the cache the import above put in place.
const commands = require('./cli-commands.cjs') as typeof import('./main');
void commands.run(argv, early);
