import { MOBILE_NUMBER_PERMISSION } from '../domain/callback.js';
import type { LanguageSource } from './model-source.js';

/** Where the manifest template points until the merchant fills in their own endpoint. */
export const ENDPOINT_PLACEHOLDER = 'https://your-shopvoice-host.example/alexa';

/**
 * The skill events the backend handles: without a subscription Alexa never sends them
 * (platform-rules.md, "Learned from outside clients"), so a disabled skill's data could never be
 * deleted.
 */
export const SKILL_EVENT_SUBSCRIPTIONS = ['SKILL_DISABLED', 'SKILL_ACCOUNT_LINKED', 'SKILL_PERMISSION_ACCEPTED', 'SKILL_PERMISSION_CHANGED', 'SKILL_PROACTIVE_SUBSCRIPTION_CHANGED'] as const;

/**
 * The proactive events the skill sends (docs/notifications.md): Alexa accepts an event only from a
 * skill whose manifest publishes its schema, and only for users who granted the notifications
 * permission the manifest asks for.
 */
export const PROACTIVE_PUBLICATIONS = ['AMAZON.OrderStatus.Updated'] as const;

/** The permission a customer grants in the Alexa app so the skill may notify them. */
export const NOTIFICATIONS_PERMISSION = 'alexa::devices:all:notifications:write';

/**
 * The `skill.json` manifest template: store listing per locale from the source, the custom
 * API and the skill events pointing at the `/alexa` route, account linking left to the console. Merchants replace
 * the endpoint (and add icons) before `ask deploy`; `models upload` sends only the models.
 */
export function buildSkillManifest(languages: readonly LanguageSource[]): object {
  const locales: Record<string, object> = {};
  for (const lang of languages) {
    for (const locale of lang.locales) {
      locales[locale] = {
        name: lang.skill.name,
        summary: lang.skill.summary,
        description: lang.skill.description,
        examplePhrases: lang.skill.examplePhrases.map((p) => p.split('{invocationName}').join(lang.invocationName)),
        keywords: lang.skill.keywords,
      };
    }
  }
  const sorted = Object.fromEntries(Object.keys(locales).sort().map((l) => [l, locales[l]!]));
  return {
    manifest: {
      manifestVersion: '1.0',
      publishingInformation: {
        locales: sorted,
        isAvailableWorldwide: false,
        distributionCountries: ['AT', 'DE', 'GB', 'US'],
        testingInstructions: 'Order status and reorder need a linked shop account (account linking).',
        category: 'SHOPPING',
      },
      apis: {
        custom: {
          endpoint: { uri: ENDPOINT_PLACEHOLDER, sslCertificateType: 'Wildcard' },
          interfaces: [],
        },
      },
      // The mobile number a customer may share for a callback (issue 17, domain/callback.ts).
      permissions: [{ name: NOTIFICATIONS_PERMISSION }, { name: MOBILE_NUMBER_PERMISSION }],
      events: {
        endpoint: { uri: ENDPOINT_PLACEHOLDER, sslCertificateType: 'Wildcard' },
        publications: PROACTIVE_PUBLICATIONS.map((eventName) => ({ eventName })),
        subscriptions: SKILL_EVENT_SUBSCRIPTIONS.map((eventName) => ({ eventName })),
      },
      privacyAndCompliance: {
        allowsPurchases: true,
        usesPersonalInfo: true,
        isChildDirected: false,
        isExportCompliant: true,
        containsAds: false,
        locales: Object.fromEntries(Object.keys(sorted).map((l) => [l, {
          privacyPolicyUrl: 'https://your-shop.example/privacy',
          termsOfUseUrl: 'https://your-shop.example/terms',
        }])),
      },
    },
  };
}
