/**
 * `renkei serve`: the app on 127.0.0.1 for a browser, until Ctrl+C. On a
 * file, or on a shared database with a login in the URL, one core serves
 * every page; on a shared database named without a login
 * (postgres://server:port/database), each person signs in with their own
 * (and their core prints through the host's one browser).
 */
import { Core } from '../../core';
import { openInBrowser } from '../../host/open-browser';
import { type Host, startHost } from '../../host/server';
import { defaultDbPath, defaultUserDataDir, machineConfigSettled, rememberMachineConfig, resolveDbPath } from '../../kernel/config';
import { isPgUrl, type PgConnection, parsePgServer, pgLocation, pgServerLabel } from '../../kernel/db/postgres';
import { SharedPrinter } from '../../kernel/printer';
import { warmInstitutionIndex } from '../../masters';
import { ChromiumPrinter } from '../../report';
import { type Command, dbOption, portInUse, portOption, print, refuseMissingDatabase, rendererDir } from '../command';
import { exitOnSignals } from '../signals';

/** How long after the host's first page its compiled code is kept (command.ts `started`). */
const KEEP_COMPILED_AFTER_MS = 1_500;

export const serveCommands: Record<string, Command> = {
  serve: {
    summary: 'アプリを 127.0.0.1 で提供し、ブラウザで使えるようにする',
    usage: 'renkei serve [--db PATH | --db postgres://[ユーザー名@]サーバー名:ポート/データベース名] [--port N] [--open]',
    options: { ...dbOption, port: { type: 'string' }, open: { type: 'boolean' } },
    async run({ values, started }) {
      const userData = defaultUserDataDir();
      const explicit = values.db as string | undefined;
      const port = portOption(values.port);
      let host: Host;
      let core: Core | null = null;
      let where: string;
      const shared = explicit !== undefined && isPgUrl(explicit) ? parsePgServer(explicit) : null;
      let printer: SharedPrinter | null = null;
      if (shared && !shared.user) {
        const { server } = shared;
        // One browser prints for everyone signed in; each person's core prints through its own lease of it.
        const open = async (connection: PgConnection) => {
          const signedIn = await Core.open({ connection }).catch((error: unknown) => {
            // The sign-in page says it plainly; the terminal of whoever started the host keeps the driver's words.
            process.stderr.write(`サインインできませんでした（${connection.user}）: ${(error as Error).message}\n`);
            throw error;
          });
          if (printer) signedIn.usePrinter(printer.lease());
          return signedIn;
        };
        host = await startHost({ signIn: { server, open }, staticDir: rendererDir(), port }).catch((error: unknown) => {
          throw portInUse(error, port);
        });
        printer = new SharedPrinter(new ChromiumPrinter(host.url));
        where = `共有データベース: ${pgServerLabel(server)}。各自のユーザー名とパスワードでサインインします`;
      } else {
        // A --db that is not there is a slip in the path, not a new database (renkei init makes one).
        if (!shared && explicit !== undefined) refuseMissingDatabase(resolveDbPath(userData, explicit));
        core = await Core.open(
          shared
            ? { connection: { ...shared.server, user: shared.user! } }
            : {
                dbPath: resolveDbPath(userData, explicit),
                // Only a first start makes its database (renkei.sqlite in the user-data folder); the file last opened in
                // the app is not made again where it was: a moved folder is reported, not emptied.
                create: explicit === undefined && resolveDbPath(userData) === defaultDbPath(userData),
                // Without --db, a file opened in the app becomes the default next time, as in the desktop app.
                // Written off the host's thread; a failure leaves this database open and is said on the console.
                onOpen: explicit
                  ? undefined
                  : (dbPath) =>
                      void rememberMachineConfig(userData, { dbPath }).catch((error: unknown) =>
                        process.stderr.write(`次回開くファイルとして記録できませんでした。${(error as Error).message}\n`),
                      ),
              },
        );
        const opened = core;
        host = await startHost({ core, staticDir: rendererDir(), port }).catch(async (error: unknown) => {
          await opened.close();
          throw portInUse(error, port);
        });
        core.usePrinter(new ChromiumPrinter(host.url));
        warmInstitutionIndex(core.database, core);
        where = shared ? `共有データベース: ${pgLocation({ ...shared.server, user: shared.user! })}` : `データベース: ${core.dbPath}`;
      }
      // Kept a moment after the first page: outside the page's own wait, and with what its first requests ran too.
      void host.started.then(() => setTimeout(started, KEEP_COMPILED_AFTER_MS).unref());
      print(`Renkei を ${host.url} で提供しています（${where}）`);
      print('終了するには Ctrl+C を押してください。');
      if (values.open && !openInBrowser(host.url)) print('ブラウザを自動で開けませんでした。上の URL をブラウザで開いてください。');
      // Stopping the host is its normal end: exit code 0.
      exitOnSignals(async () => {
        await host.close();
        await core?.close();
        await printer?.close();
        // The file to open next time, still being written (renames Windows holds are tried again for up to 2.5 s).
        await machineConfigSettled();
      }, 0);
      await new Promise(() => undefined);
    },
  },
};
