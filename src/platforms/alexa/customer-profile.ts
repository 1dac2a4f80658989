import type { CustomerProfile, Logger, MobileNumberLookup } from '../../domain/deps.js';

/** Amazon's API hosts by region (the request's `context.System.apiEndpoint`). */
const AMAZON_API = /^https:\/\/api(?:\.eu|\.fe)?\.amazonalexa\.com$/;

export interface AlexaCustomerProfileOptions {
  /** Time one call may take (default 1500 ms): it runs inside a reply. */
  timeoutMs?: number;
  /** Which `apiEndpoint`s may be called (default Amazon's three regions; tests add a loopback fake). */
  allowEndpoint?: (origin: string) => boolean;
  fetch?: typeof fetch;
  log?: Logger;
}

/**
 * The Alexa Customer Profile API for a callback's number (issue 17): `GET {apiEndpoint}/v2/accounts/
 * ~current/settings/Profile.mobileNumber` with the request's `apiAccessToken`. 200 gives
 * `{ countryCode, phoneNumber }`; 403 means the customer has not granted
 * `alexa::profile:mobile_number:read` (the skill then sends a consent card); 204 or anything else
 * is no number. The number is never logged; only an endpoint Amazon's own is called.
 *
 * @example const found = await createAlexaCustomerProfile().mobileNumber({ endpoint, token });
 */
export function createAlexaCustomerProfile(options: AlexaCustomerProfileOptions = {}): CustomerProfile {
  const timeoutMs = options.timeoutMs ?? 1500;
  const allow = options.allowEndpoint ?? ((origin: string) => AMAZON_API.test(origin));
  const doFetch = options.fetch ?? fetch;
  return {
    async mobileNumber({ endpoint, token }): Promise<MobileNumberLookup> {
      let origin: string;
      try {
        origin = new URL(endpoint).origin;
      } catch {
        return { kind: 'none' };
      }
      if (!allow(origin)) {
        options.log?.warn({ event: 'alexa.profile.endpoint-refused' }, 'the request named an API endpoint that is not Amazon\'s');
        return { kind: 'none' };
      }
      try {
        const res = await doFetch(`${origin}/v2/accounts/~current/settings/Profile.mobileNumber`, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
        if (res.status === 403) return { kind: 'denied' };
        if (res.status !== 200) {
          options.log?.info({ event: 'alexa.profile.no-number', status: res.status }, 'the customer profile gave no mobile number');
          return { kind: 'none' };
        }
        const body = (await res.json()) as { countryCode?: unknown; phoneNumber?: unknown };
        if (typeof body.phoneNumber !== 'string' || !/^[\d\s()+-]{3,30}$/.test(body.phoneNumber)) return { kind: 'none' };
        const country = typeof body.countryCode === 'string' && /^\+?\d{1,4}$/.test(body.countryCode) ? body.countryCode : '';
        const phone = country && !body.phoneNumber.startsWith('+') ? `${country.startsWith('+') ? country : `+${country}`} ${body.phoneNumber}` : body.phoneNumber;
        return { kind: 'number', phone };
      } catch (err) {
        options.log?.warn({ event: 'alexa.profile.failed', err: err instanceof Error ? err.name : 'unknown' }, 'the customer profile did not answer');
        return { kind: 'none' };
      }
    },
  };
}

const SIMULATOR_TOKEN = 'simulator.api-access-token';

/**
 * The `apiAccessToken` of a simulated Alexa request. Like Amazon's own token (which carries the
 * customer's grants), it says whether the customer granted the mobile-number permission: a script's
 * `profile: { mobileNumber }` puts the number in.
 *
 * @example simulatorApiToken('+49 170 5550123') // 'simulator.api-access-token;mobile=+49 170 5550123'
 */
export function simulatorApiToken(mobileNumber?: string): string {
  return mobileNumber ? `${SIMULATOR_TOKEN};mobile=${mobileNumber}` : SIMULATOR_TOKEN;
}

/**
 * The simulator's customer profile: never leaves the process. A token from `simulatorApiToken`
 * with a number answers it (the permission granted); any other is a 403 (not granted), so a
 * simulated callback without a linked number shows the consent card.
 */
export const simulatedCustomerProfile: CustomerProfile = {
  async mobileNumber({ token }) {
    const granted = /^simulator\.api-access-token;mobile=(\+?[\d ]{3,30})$/.exec(token);
    return granted ? { kind: 'number', phone: granted[1]! } : { kind: 'denied' };
  },
};
