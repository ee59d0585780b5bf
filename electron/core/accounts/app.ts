/** 利用者 operations, one line each: who is signed in, the accounts, and their management by 県・担当 (shared mode). */
import { handlers } from '../kernel/handlers';
import { accounts } from './read';
import * as write from './write';

export const accountsHandlers = handlers({
  'accounts.session': async (_input, { core }) => core.session,
  'accounts.list': async (_input, { db }) => accounts(db),
  'accounts.add': async (input, ctx) => write.addAccount(ctx, input),
  'accounts.resetPassword': async (input, ctx) => write.resetPassword(ctx, input),
  'accounts.setRole': async (input, ctx) => write.setRole(ctx, input),
  'accounts.disable': async (input, ctx) => write.disableAccount(ctx, input),
  'accounts.enable': async (input, ctx) => write.enableAccount(ctx, input),
});
