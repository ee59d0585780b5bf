/** How `renkei` ends on a signal; free of the core, so cli/start.ts can use it before the commands load. */

/** The exit code of a process ended by each signal a user or a terminal sends (128 + its number). */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Ends the process on Ctrl+C, kill or a closed terminal with `stop` run first:
 * exiting runs the printer's exit hook (kernel/browser/devtools.ts), which kills
 * Chromium and removes its profile, so no browser outlives the command.
 */
export function exitOnSignals(stop: () => Promise<void> = async () => undefined, exitCode?: number): () => void {
  const handlers = Object.entries(SIGNAL_EXIT_CODES).map(([signal, code]) => {
    const handler = () => void stop().finally(() => process.exit(exitCode ?? code));
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
