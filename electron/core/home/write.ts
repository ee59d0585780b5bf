/** Opening another database file from the home page; the kernel switches and answers with the new file's facts. */
import type { DatabaseInfo } from '@shared/contract';
import type { CoreControl } from '../kernel/context';

export async function openDatabase(core: CoreControl, path: string, create = false): Promise<DatabaseInfo> {
  await core.switchTo(path, { create });
  return core.databaseInfo();
}
