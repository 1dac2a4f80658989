import type { FaqTopic, Localized } from '../../commerce.js';

/** A FAQ topic with its spoken answer per language (one or two plain sentences). */
export interface SeedFaq extends FaqTopic {
  answer: Localized;
}

export const seedFaq: SeedFaq[] = [
  {
    id: 'shipping_costs',
    names: {
      de: ['versandkosten', 'versand', 'porto', 'lieferkosten', 'was kostet der versand'],
      en: ['shipping costs', 'shipping', 'postage', 'delivery costs', 'delivery charge'],
    },
    answer: {
      de: 'Der Versand kostet 4,95 Euro. Ab 50 Euro Bestellwert liefern wir versandkostenfrei.',
      en: 'Shipping costs 4.95 euros. Orders of 50 euros or more ship for free.',
    },
  },
  {
    id: 'delivery_time',
    names: {
      de: ['lieferzeit', 'lieferung', 'wie lange dauert die lieferung', 'wann kommt meine bestellung'],
      en: ['delivery time', 'delivery', 'how long does delivery take', 'shipping time'],
    },
    answer: {
      de: 'Wir liefern innerhalb Deutschlands in zwei bis drei Werktagen. Was bis 14 Uhr bestellt ist, verschicken wir am selben Tag.',
      en: 'We deliver within Germany in two to three working days. Orders placed by 2 pm leave our warehouse the same day.',
    },
  },
  {
    id: 'returns',
    names: {
      de: ['rücksendung', 'retoure', 'rückgabe', 'umtausch', 'zurückschicken', 'widerruf'],
      en: ['returns', 'return', 'refund', 'exchange', 'send back'],
    },
    answer: {
      de: 'Du kannst alles innerhalb von 30 Tagen kostenlos zurückschicken. Das Rücksendeetikett findest du in deinem Kundenkonto.',
      en: 'You can return anything within 30 days for free. The return label is in your customer account.',
    },
  },
  {
    id: 'payment',
    names: {
      de: ['zahlung', 'bezahlen', 'zahlungsarten', 'zahlungsmethoden', 'rechnung', 'paypal'],
      en: ['payment', 'payment methods', 'pay', 'how can i pay', 'invoice', 'paypal'],
    },
    answer: {
      de: 'Du kannst per PayPal, Kreditkarte, Lastschrift oder auf Rechnung bezahlen.',
      en: 'You can pay by PayPal, credit card, direct debit or invoice.',
    },
  },
];
