import type { Customer } from '../catalog/commerce.js';
import { finish, speak, type TurnContext } from './context.js';
import type { VoiceReply } from './turn.js';

/**
 * Personal data needs a linked shop account (platform-rules.md, "commerce policy"). Without a
 * token, or with one the shop no longer knows, the reply asks to link and reveals nothing.
 */
export async function linkedCustomer(ctx: TurnContext): Promise<Customer | VoiceReply> {
  const token = ctx.turn.user.accessToken;
  const customer = token ? await ctx.reads.customer(token) : undefined;
  if (customer) return customer;
  const key = token ? 'account.unknownToken' : ctx.turn.platform === 'google' ? 'account.linkNeededGoogle' : 'account.linkNeededAlexa';
  return finish(ctx, speak(ctx, key, { shop: ctx.shop.name }), {
    card: {
      type: 'link-account',
      title: String(ctx.t('account.cardTitle', { shop: ctx.shop.name })),
      text: String(ctx.t('account.cardText', { shop: ctx.shop.name })),
    },
    outcome: 'unlinked',
  });
}

export function isReply(value: unknown): value is VoiceReply {
  return typeof value === 'object' && value !== null && 'endSession' in value && 'handledAs' in value;
}
