/** Backup operations: list, create now, restore one (after a safety backup); move a file to a server and copy a server to a file. */

import { listBackups } from '../kernel/backup/files';
import { handlers } from '../kernel/handlers';

export const backupHandlers = handlers({
  'backup.list': async (_input, { core }) => listBackups(core.dbPath),
  'backup.create': async (_input, { core }) => core.backup('manual'),
  'backup.restore': async (input, { core }) => core.restore(input.name),
  'backup.moveToShared': async ({ password, ...connection }, { core }) =>
    core.moveToShared({ ...connection, ...(password ? { password } : {}) }),
  'backup.copyToFile': async (input, { core }) => core.copyToFile(input.path),
});
