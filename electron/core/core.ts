/**
 * The core as hosts open it: the kernel with every domain's handlers from the
 * registry. The shell, the loopback host, the CLI and the tests open it here.
 */
import { type CoreOptions, Kernel } from './kernel/kernel';
import { registry } from './registry';

export type { CoreOptions };
export type Core = Kernel;

export const Core = {
  /** Opens the database (creating and migrating it as needed) and takes the daily backup. */
  open: (options: CoreOptions): Promise<Core> => Kernel.open(options, registry),
};
