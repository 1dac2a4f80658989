
/** The language of a name or answer the shop gives: it picks the catalog's names and the locale files. */
export type Language = 'de' | 'en';

/**
 * The catalog port: everything the conversations need from a shop. The embedded SQLite demo
 * shop implements it (the default), and so does the HTTP client of a real shop's API. The
 * domain sees only this interface. Money is always integer euro cents.
 */
export interface Commerce {
  /** The shop's name, contact and money rules. */
  shopInfo(): Promise<ShopInfo>;
  /** Ranked products for spoken text; the decision says answer, ask which, or nothing found. */
  findProducts(spoken: string, language: Language, options?: { limit?: number }): Promise<ProductSearch>;
  getProduct(id: string): Promise<Product | undefined>;
  /** Every product of a variant family (same `variantGroup`), available or not. */
  listVariants(variantGroup: string): Promise<Product[]>;
  /** Every product (model building, index building). Ordered by id. */
  listProducts(): Promise<Product[]>;
  /** The customer behind a linked account's access token. */
  customerByToken(accessToken: string): Promise<Customer | undefined>;
  /** A customer's orders, newest first. */
  listOrders(customerId: string): Promise<Order[]>;
  getOrder(customerId: string, orderNumber: string): Promise<Order | undefined>;
  /** What ordering `orderNumber` again would add, leave out, and cost. Places nothing. */
  quoteReorder(customerId: string, orderNumber: string): Promise<ReorderQuote>;
  /**
   * Places the reorder. The same `idempotencyKey` always yields the same order and never a
   * second one, whatever the retries or concurrency.
   */
  placeReorder(customerId: string, orderNumber: string, idempotencyKey: string): Promise<PlacedOrder>;
  /**
   * The order a reorder key of this customer placed, if any: how the skill learns the outcome of
   * a placement whose answer was lost. Optional: a shop without it leaves such claims open.
   */
  reorderOutcome?(customerId: string, idempotencyKey: string): Promise<Order | undefined>;
  /**
   * Cart and checkout by voice (issue 17). Optional: a shop without a cart for us leaves them out
   * and the conversation says so (`CART_UNSUPPORTED`). Every cart belongs to one customer.
   */
  /** The customer's cart, quoted at today's prices and stock. */
  cart?(customerId: string): Promise<Cart>;
  /** Adds `quantity` of a product (to what is already there); the cart after it. */
  addToCart?(customerId: string, productId: string, quantity: number): Promise<Cart>;
  /** Takes a product out of the cart entirely; the cart after it. */
  removeFromCart?(customerId: string, productId: string): Promise<Cart>;
  /**
   * Orders the cart's available lines, exactly once per `idempotencyKey`, and only when the
   * total is still `expectedTotalCents` (else `CART_CHANGED`, nothing placed). The ordered lines
   * leave the cart.
   */
  placeCart?(customerId: string, idempotencyKey: string, expectedTotalCents: number): Promise<PlacedOrder>;
  /** The order a checkout key of this customer placed, if any (a lost answer, as `reorderOutcome`). */
  cartOutcome?(customerId: string, idempotencyKey: string): Promise<Order | undefined>;
  listStores(): Promise<Store[]>;
  /** Holidays and dated exceptions of a store between two ISO dates (inclusive). */
  specialDays(storeId: string, fromIso: string, toIso: string): Promise<SpecialDay[]>;
  faqTopics(): Promise<FaqTopic[]>;
  faqAnswer(topicId: string, language: Language): Promise<string | undefined>;
  /** Resolves when the shop answers; used by /readyz. */
  ping(): Promise<void>;
  /** Increases whenever products change, so indexes and models know to rebuild. */
  catalogVersion(): Promise<string>;
  close?(): Promise<void> | void;
}

export type Localized = Record<Language, string>;

export interface ShopInfo {
  name: string;
  /** The name as said in a language where it differs from `name` (shop file: `name: { de, en }`). */
  names?: Partial<Localized>;
  phone: string;
  email: string;
  timeZone: string;
  currency: 'EUR';
  /** Shipping cost charged on an order below the free-shipping threshold. */
  shippingCents: number;
  freeShippingFromCents: number;
  /** VAT rate in percent that prices include (for the spoken "incl. VAT"). */
  vatPercent: number;
  /** The store answered when the customer names none (store hours); else the first store. */
  defaultStoreId?: string;
  /** How German speech addresses customers: "du" (default) or formal "Sie". */
  addressForm?: 'du' | 'sie';
}

export type UnitOfMeasure = 'l' | 'kg' | 'piece' | 'm';

export interface Product {
  id: string;
  name: Localized;
  brand: string;
  category: string;
  description: Localized;
  priceCents: number;
  /** Price per unit of measure, e.g. per litre, where the law asks for it (PAngV). */
  unitPrice?: { cents: number; unit: UnitOfMeasure };
  /** Size as sold, e.g. "1 l", "500 g", "42". */
  size?: string;
  /** Variant attributes of this product, e.g. { colour: "blau", size: "42" }. */
  attributes?: Record<string, string>;
  /**
   * How an attribute value is said per language, where it differs from the stored value:
   * { colour: { de: "Blau", en: "blue" } }. Import columns `attr_<name>_de`, `attr_<name>_en`.
   */
  attributeLabels?: Record<string, Partial<Localized>>;
  /** Products of one family share a group id (e.g. a shoe in several colours and sizes). */
  variantGroup?: string;
  stock: number;
  available: boolean;
}

export interface ProductCandidate {
  product: Product;
  /** 0..1, higher is better. */
  score: number;
}

export type MatchDecision = 'answer' | 'ask' | 'none';

export interface ProductSearch {
  decision: MatchDecision;
  candidates: ProductCandidate[];
}

export interface Customer {
  id: string;
  name: string;
  /** Personal data: never logged, never spoken without a linked account. */
  email: string;
  /** A phone number for a callback (issue 17), when the shop has one; personal data like `email`. */
  phone?: string;
}

export type OrderStatus = 'received' | 'in_progress' | 'shipped' | 'delivered' | 'cancelled';

export interface OrderLine {
  productId: string;
  name: Localized;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  number: string;
  customerId: string;
  status: OrderStatus;
  /** ISO instant the order was placed. */
  placedAt: string;
  lines: OrderLine[];
  totalCents: number;
  carrier?: string;
  trackingNumber?: string;
  /** ISO date (shop time zone) the parcel is expected. */
  expectedDelivery?: string;
  /** ISO date it was delivered. */
  deliveredOn?: string;
}

export interface ReorderQuote {
  basedOn: string;
  available: Array<{ product: Product; quantity: number; lineCents: number }>;
  unavailable: Array<{ name: Localized; quantity: number }>;
  itemsCents: number;
  shippingCents: number;
  /** Items plus shipping; prices include VAT. */
  totalCents: number;
  vatCents: number;
}

/** One line of a customer's cart: available when the product is sold and has stock for the quantity. */
export interface CartLine {
  /** The product; a product an import removed keeps its name only. */
  product: Product | undefined;
  productId: string;
  name: Localized;
  quantity: number;
  available: boolean;
  /** Today's price times the quantity (0 for an unavailable line). */
  lineCents: number;
}

/** A cart quoted for checkout: what the available lines, delivery and VAT come to. */
export interface Cart {
  /** In the order they were first added. */
  lines: CartLine[];
  itemsCents: number;
  shippingCents: number;
  /** Available lines plus shipping (0 when nothing is available); prices include VAT. */
  totalCents: number;
  vatCents: number;
}

export interface PlacedOrder {
  order: Order;
  /** False when the idempotency key had already placed this order. */
  created: boolean;
  /**
   * Set when the shop cannot charge the customer for us (Shopify): `order` is then an order to
   * pay, and its checkout link went to the customer's e-mail. Absent: the order is placed.
   */
  checkoutSentTo?: 'email';
}

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Opening interval in local wall-clock time, "08:00" to "20:00". */
export interface Interval {
  open: string;
  close: string;
}

export interface Store {
  id: string;
  name: string;
  /** The name as said in a language where it differs from `name` ("Lindenhof Markt Munich"). */
  names?: Partial<Localized>;
  city: string;
  /** ISO 3166-2 subdivision, e.g. "DE-BY"; decides public holidays. */
  region: string;
  timeZone: string;
  /** ISO weekday (1 = Monday) → intervals; a missing day is closed. */
  weekly: Partial<Record<Weekday, Interval[]>>;
  /** Spoken names people use for it ("filiale münchen", "laden in der innenstadt"). */
  aliases: string[];
}

export interface SpecialDay {
  /** ISO date in the store's time zone. */
  date: string;
  kind: 'holiday' | 'exception';
  /** Empty means closed all day. */
  intervals: Interval[];
  reason: Localized;
}

export interface FaqTopic {
  id: string;
  /** Spoken names of the topic per language, first is the canonical one. */
  names: Record<Language, string[]>;
}
