import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { silentLogger, type DomainDeps } from '../../src/domain/deps.js';
import { handleTurn } from '../../src/domain/handle-turn.js';
import type { Locale, SessionState, SlotValue, VoiceReply } from '../../src/domain/turn.js';
import { openSqliteStateStore } from '../../src/state/sqlite-state-store.js';

/** One turn of a scenario: an intent with slots, optionally at another instant or as another customer. */
export interface ScenarioTurn {
  intent: string;
  slots?: Record<string, SlotValue>;
  /** Per language, where the words differ. */
  slotsEn?: Record<string, SlotValue>;
  now?: string;
  account?: string;
  launch?: boolean;
}

/** Conversations that reach every answer the domain gives (each a list of turns in one session). */
export const ANSWER_SCENARIOS: Record<string, ScenarioTurn[]> = {
  launchHelp: [{ intent: 'LaunchRequest', launch: true }, { intent: 'AMAZON.HelpIntent' }, { intent: 'AMAZON.NavigateHomeIntent' }, { intent: 'AMAZON.RepeatIntent' }],
  productFound: [{ intent: 'ProductLookupIntent', slots: { product: { value: 'bio hafermilch', id: 'P-1001' } } }, { intent: 'ProductLookupIntent', slots: { product: { value: 'und was kostet sie' } } }],
  productPlural: [{ intent: 'ProductLookupIntent', slots: { product: { value: 'tennisbälle', id: 'P-4025' } } }],
  productBrand: [{ intent: 'ProductLookupIntent', slots: { product: { value: 'air max', id: 'P-4012' } } }],
  productLowStock: [{ intent: 'ProductLookupIntent', slots: { product: { value: 'air max 97', id: 'P-4012' } } }],
  productVariants: [
    { intent: 'ProductLookupIntent', slots: { product: { value: 'air zoom', id: 'P-4003' } } },
    { intent: 'ProductLookupIntent', slots: { product: { value: 'in schwarz' } }, slotsEn: { product: { value: 'in black' } } },
    { intent: 'ProductLookupIntent', slots: { product: { value: 'gibt es den auch in größe 44' } }, slotsEn: { product: { value: 'do you have it in size 44' } } },
    { intent: 'AMAZON.RepeatIntent' },
    { intent: 'AMAZON.FallbackIntent' },
    { intent: 'AMAZON.YesIntent' },
  ],
  productShirtSizes: [{ intent: 'ProductLookupIntent', slots: { product: { value: 'laufshirt', id: 'P-4013' } } }],
  productSocks: [{ intent: 'ProductLookupIntent', slots: { product: { value: 'laufsocken', id: 'P-4028' } } }],
  productList: [
    { intent: 'ProductLookupIntent', slots: { product: { value: 'hafermilch' } }, slotsEn: { product: { value: 'oat milk' } } },
    { intent: 'AMAZON.FallbackIntent' },
    { intent: 'ProductLookupIntent', slots: { product: { value: 'die günstigere' } }, slotsEn: { product: { value: 'the cheaper one' } } },
  ],
  productClose: [{ intent: 'ProductLookupIntent', slots: { product: { value: 'honig' } }, slotsEn: { product: { value: 'coke zero' } } }, { intent: 'AMAZON.NoIntent' }],
  productNone: [{ intent: 'ProductLookupIntent', slots: { product: { value: 'raketentreibstoff' } }, slotsEn: { product: { value: 'rocket fuel' } } }],
  productAsk: [{ intent: 'ProductLookupIntent', slots: { product: {} } }],
  misrouted: [
    { intent: 'ProductLookupIntent', slots: { product: { value: 'der versand' } }, slotsEn: { product: { value: 'shipping' } } },
    { intent: 'ProductLookupIntent', slots: { product: { value: 'heute auf' } }, slotsEn: { product: { value: 'open today' } } },
  ],
  orderLatest: [{ intent: 'OrderStatusIntent', account: 'demo-token-anna' }, { intent: 'OrderStatusIntent', account: 'demo-token-ben' }, { intent: 'OrderStatusIntent', account: 'demo-token-clara' }, { intent: 'OrderStatusIntent', account: 'demo-token-david' }],
  orderCancelled: [{ intent: 'OrderStatusIntent', account: 'demo-token-emma', slots: { orderNumber: { value: '10041' } } }, { intent: 'OrderStatusIntent', account: 'demo-token-emma', slots: { orderNumber: { value: '99999' } } }],
  orderLate: [{ intent: 'OrderStatusIntent', account: 'demo-token-anna', now: '2026-11-27T10:00:00+01:00' }, { intent: 'AMAZON.NoIntent', account: 'demo-token-anna' }],
  orderSeveral: [{ intent: 'OrderStatusIntent', account: 'demo-token-felix' }, { intent: 'OrderStatusIntent', account: 'demo-token-felix', slots: { orderNumber: { value: 'die zweite' } }, slotsEn: { orderNumber: { value: 'the second one' } } }],
  orderUnlinked: [{ intent: 'OrderStatusIntent' }, { intent: 'OrderStatusIntent', account: 'no-such-token' }],
  reorder: [{ intent: 'ReorderIntent', account: 'demo-token-anna' }, { intent: 'AMAZON.RepeatIntent', account: 'demo-token-anna' }, { intent: 'AMAZON.NoIntent', account: 'demo-token-anna' }],
  reorderNothing: [{ intent: 'ReorderIntent', account: 'demo-token-emma' }],
  reorderStop: [{ intent: 'ReorderIntent', account: 'demo-token-ben' }, { intent: 'AMAZON.StopIntent', account: 'demo-token-ben' }],
  hoursNow: [{ intent: 'StoreHoursIntent' }, { intent: 'StoreHoursIntent', slots: { day: { value: '2026-11-24' } } }, { intent: 'StoreHoursIntent', slots: { store: { value: 'köln' } }, slotsEn: { store: { value: 'cologne' } } }],
  hoursSunday: [{ intent: 'StoreHoursIntent', now: '2026-11-22T10:00:00+01:00' }],
  hoursClosingSoon: [{ intent: 'StoreHoursIntent', now: '2026-11-23T19:50:00+01:00' }, { intent: 'StoreHoursIntent', now: '2026-11-23T19:59:00+01:00' }],
  hoursEarly: [{ intent: 'StoreHoursIntent', now: '2026-11-23T06:00:00+01:00' }],
  hoursWeekend: [{ intent: 'StoreHoursIntent', slots: { day: { value: '2026-W48-WE' } } }],
  hoursSpecial: [
    { intent: 'StoreHoursIntent', slots: { day: { value: '2026-12-24' } } },
    { intent: 'StoreHoursIntent', slots: { day: { value: '2026-12-29' }, store: { value: 'köln' } } },
    { intent: 'StoreHoursIntent', now: '2026-12-25T10:00:00+01:00' },
    { intent: 'StoreHoursIntent', now: '2026-12-24T16:00:00+01:00' },
  ],
  hoursUnknownStore: [{ intent: 'StoreHoursIntent', slots: { store: { value: 'hamburg' } } }],
  faq: [{ intent: 'ShopFaqIntent', slots: { topic: { value: 'versand' } }, slotsEn: { topic: { value: 'shipping' } } }, { intent: 'ShopFaqIntent', slots: { topic: { value: 'gutscheine' } }, slotsEn: { topic: { value: 'vouchers' } } }],
  handoff: [{ intent: 'HumanHandoffIntent' }],
  fallbackTwice: [{ intent: 'AMAZON.FallbackIntent' }, { intent: 'AMAZON.FallbackIntent' }],
  yesNoAlone: [{ intent: 'AMAZON.YesIntent' }, { intent: 'AMAZON.NoIntent' }],
  cancel: [{ intent: 'AMAZON.CancelIntent' }],
};

/** The default instant of a scenario turn: a Monday morning with every store open. */
export const SCENARIO_NOW = '2026-11-23T11:00:00+01:00';

export interface ScenarioAnswer {
  scenario: string;
  locale: Locale;
  address: 'du' | 'sie';
  turn: ScenarioTurn;
  reply: VoiceReply;
}

/**
 * Runs every scenario through the domain's one entry on a fresh embedded demo shop, in every
 * locale and (German) address form, and hands back each reply.
 */
export async function runAnswerScenarios(locales: readonly Locale[]): Promise<ScenarioAnswer[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-answers-'));
  const commerce = await openEmbeddedShop({ dataDir, now: () => new Date(SCENARIO_NOW) });
  const state = openSqliteStateStore(dataDir);
  const out: ScenarioAnswer[] = [];
  try {
    for (const locale of locales) {
      for (const address of locale.startsWith('de') ? (['du', 'sie'] as const) : (['du'] as const)) {
        const deps: DomainDeps = { commerce, state, log: silentLogger, addressForm: address };
        for (const [scenario, turns] of Object.entries(ANSWER_SCENARIOS)) {
          let session: SessionState = {};
          let n = 0;
          for (const turn of turns) {
            const slots = (locale.startsWith('en') ? turn.slotsEn : undefined) ?? turn.slots ?? {};
            const reply = await handleTurn({
              platform: 'alexa', locale, kind: turn.launch ? 'launch' : 'intent', intent: turn.intent, slots, confirmation: 'NONE',
              user: { id: `answers-${scenario}`, ...(turn.account ? { accessToken: turn.account } : {}) },
              session: { id: `answers-${scenario}-${locale}-${address}`, isNew: n++ === 0, state: session },
              now: DateTime.fromISO(turn.now ?? SCENARIO_NOW),
            }, deps);
            out.push({ scenario, locale, address, turn, reply });
            session = reply.endSession ? {} : reply.state;
          }
        }
      }
    }
  } finally {
    await commerce.close();
    state.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return out;
}
