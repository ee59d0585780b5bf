/** `renkei serve`: the app on 127.0.0.1 for a browser, until Ctrl+C. */
import { Core } from '../../core';
import { openInBrowser } from '../../host/open-browser';
import { startHost } from '../../host/server';
import { defaultUserDataDir, resolveDbPath, updateMachineConfig } from '../../kernel/config';
import { ChromiumPrinter } from '../../report';
import { type Command, dbOption, exitOnSignals, print, rendererDir } from '../command';

export const serveCommands: Record<string, Command> = {
  serve: {
    summary: 'アプリを 127.0.0.1 で提供し、ブラウザで使えるようにする',
    usage: 'renkei serve [--db PATH] [--port N] [--open]',
    options: { ...dbOption, port: { type: 'string' }, open: { type: 'boolean' } },
    async run({ values }) {
      const userData = defaultUserDataDir();
      const explicit = values.db as string | undefined;
      // Without --db, a file opened in the app becomes the default next time, as in the desktop app.
      const core = await Core.open({
        dbPath: resolveDbPath(userData, explicit),
        onOpen: explicit ? undefined : (dbPath) => updateMachineConfig(userData, { dbPath }),
      });
      const host = await startHost({
        core,
        staticDir: rendererDir(),
        port: values.port === undefined ? 0 : Number(values.port),
      });
      core.usePrinter(new ChromiumPrinter(host.url));
      print(`Renkei を ${host.url} で提供しています（データベース: ${core.dbPath}）`);
      print('終了するには Ctrl+C を押してください。');
      if (values.open && !openInBrowser(host.url)) print('ブラウザを自動で開けませんでした。上の URL をブラウザで開いてください。');
      // Stopping the host is its normal end: exit code 0.
      exitOnSignals(async () => {
        await host.close();
        await core.close();
      }, 0);
      await new Promise(() => undefined);
    },
  },
};
