/**
 * The one operation that loads the whole demo. It lives apart from every
 * domain: the loader calls the domains, so no domain may import it.
 */
import { handlers } from '../kernel/handlers';
import { loadDemo } from './load';

export const demoHandlers = handlers({
  'app.demo.load': async (_input, { ops }) => loadDemo(ops),
});
