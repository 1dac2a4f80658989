import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/domain/deps.js';
import { TEST_SKILL_ID } from './alexa-requests.js';

/**
 * Deps for an app started in a probe process that lists which libraries got loaded: the demo
 * shop's info and pings, nothing else, so the probe loads no catalog code of its own. Importing
 * this loads only the config and the domain's types.
 */
export function probeDeps() {
  const shop = {
    name: 'Lindenhof Markt', phone: '+49 89 21 54 37 0', email: 'service@lindenhof-markt.de', timeZone: 'Europe/Berlin',
    currency: 'EUR', shippingCents: 495, freeShippingFromCents: 5000, vatPercent: 19,
  };
  return {
    config: loadConfig({ SHOPVOICE_ALEXA_VERIFY: 'false', SHOPVOICE_ALEXA_SKILL_ID: TEST_SKILL_ID, SHOPVOICE_GOOGLE_AUTH: 'off' }),
    log: silentLogger,
    commerce: { shopInfo: async () => shop, ping: async () => {} },
    state: { ping: async () => {} },
  };
}
