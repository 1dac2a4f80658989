import type { Commerce, Customer, Product } from '../catalog/commerce.js';
import type { VoiceTurn } from './turn.js';

/** Intents whose answer needs the linked customer from the start. */
const PERSONAL_INTENTS = new Set(['OrderStatusIntent', 'ReorderIntent', 'AddToCartIntent', 'CartContentsIntent', 'RemoveFromCartIntent', 'CheckoutIntent', 'PurchaseCodeIntent']);

/** Open questions whose "yes" places an order for the linked customer. */
const ORDER_QUESTIONS = new Set(['reorder', 'checkout', 'code']);

const ignore = () => undefined;

/**
 * The shop reads that several steps of one turn need, each made once, and the independent ones
 * started together (issue 15): a turn that needs the shop's info, the linked customer and the
 * product the platform resolved asks for all three at once, so a hosted shop's round trips
 * overlap instead of adding up, and the misrouting check and the product answer share one
 * product read. Lives as long as the turn; nothing is kept beyond it.
 *
 * @example
 *   const reads = new TurnReads(commerce);
 *   reads.startFor(turn); // customer and product reads on their way
 *   const shop = await commerce.shopInfo();
 *   const customer = await reads.customer(token); // the read already started
 */
export class TurnReads {
  private customerRead: { token: string; read: Promise<Customer | undefined> } | undefined;
  private productRead: { id: string; read: Promise<Product | undefined> } | undefined;

  constructor(private readonly commerce: Commerce) {}

  /** The customer a token belongs to (one read per turn and token). */
  customer(token: string): Promise<Customer | undefined> {
    if (this.customerRead?.token !== token) this.customerRead = { token, read: this.commerce.customerByToken(token) };
    return this.customerRead.read;
  }

  /** A product by id (one read per turn and id). */
  product(id: string): Promise<Product | undefined> {
    if (this.productRead?.id !== id) this.productRead = { id, read: this.commerce.getProduct(id) };
    return this.productRead.read;
  }

  /**
   * Starts what this turn will certainly read: the product a ProductLookupIntent's slot was
   * resolved to, the customer of a personal intent (or of "yes" to a pending order). A failure
   * surfaces where the read is awaited, never as an unhandled rejection.
   */
  startFor(turn: VoiceTurn): void {
    if (turn.kind !== 'intent') return;
    const productId = turn.intent === 'ProductLookupIntent' ? turn.slots.product?.id : undefined;
    if (productId) this.product(productId).catch(ignore);
    const token = turn.user.accessToken;
    const pending = turn.session.state.pending?.kind;
    const personal = PERSONAL_INTENTS.has(turn.intent) || (turn.intent === 'AMAZON.YesIntent' && pending !== undefined && ORDER_QUESTIONS.has(pending));
    if (token && personal) this.customer(token).catch(ignore);
  }
}
