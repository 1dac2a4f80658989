/**
 * Word material for the benchmark catalog. German product types carry their compound boundary
 * ("Hafer|milch") so queries can split them the way speech recognisers do.
 */

export interface TypeWord {
  /** German name with "|" at the compound boundary. */
  de: string;
  en: string;
}

export interface Family {
  name: string;
  category: string;
  types: TypeWord[];
  /** Flavours, scents or (for shoes and clothing) colours, as [de, en]. */
  variants: Array<[string, string]>;
  /** Pack sizes as printed; empty for families sold in body sizes or without a size. */
  sizes: string[];
  /** Share of the catalog. */
  share: number;
  kind: 'pack' | 'shoe' | 'clothing' | 'device';
  /** Qualifiers (indexes into QUALIFIERS) that make sense for this family. */
  qualifiers?: number[];
}

const t = (spec: string): TypeWord[] =>
  spec.split(',').map((pair) => {
    const [de, en] = pair.split('/');
    return { de: de!.trim(), en: en!.trim() };
  });

const v = (spec: string): Array<[string, string]> =>
  spec.split(',').map((pair) => pair.split('/').map((s) => s.trim()) as [string, string]);

export const COLOURS = v('blau/blue, rot/red, schwarz/black, weiß/white, grün/green, grau/grey, gelb/yellow, orange/orange, rosa/pink, braun/brown');

export const FAMILIES: Family[] = [
  {
    name: 'drinks', category: 'getraenke', kind: 'pack', share: 0.22, qualifiers: [0, 1, 2, 3, 4], sizes: ['0,5 l', '1 l', '1,5 l', '330 ml'],
    types: t('Hafer|milch/Oat Milk, Mandel|milch/Almond Milk, Soja|milch/Soy Milk, Voll|milch/Whole Milk, Orangen|saft/Orange Juice, Apfel|saft/Apple Juice, Mineral|wasser/Mineral Water, Eis|tee/Iced Tea, Kokos|milch/Coconut Milk, Trink|joghurt/Drinking Yoghurt, Kaffee|sahne/Coffee Cream, Tomaten|saft/Tomato Juice, Trauben|saft/Grape Juice, Kräuter|tee/Herbal Tea'),
    variants: v('Vanille/Vanilla, Schoko/Chocolate, Erdbeere/Strawberry, Zitrone/Lemon, Pfirsich/Peach, Mango/Mango, Ungesüßt/Unsweetened, Classic/Classic, Natur/Natural, Kirsche/Cherry, Banane/Banana, Karamell/Caramel'),
  },
  {
    name: 'food', category: 'lebensmittel', kind: 'pack', share: 0.22, qualifiers: [0, 2, 3, 6], sizes: ['250 g', '500 g', '1 kg', '750 g'],
    types: t('Hafer|flocken/Oat Flakes, Erdnuss|butter/Peanut Butter, Vollkorn|brot/Wholegrain Bread, Tomaten|soße/Tomato Sauce, Kaffee|bohnen/Coffee Beans, Milch|schokolade/Milk Chocolate, Frucht|gummi/Fruit Gums, Honig/Honey, Müsli/Muesli, Reis|waffeln/Rice Cakes, Basmati|reis/Basmati Rice, Linsen|suppe/Lentil Soup, Gemüse|brühe/Vegetable Stock, Vollkorn|nudeln/Wholewheat Pasta, Knäcke|brot/Crispbread, Kartoffel|chips/Potato Crisps'),
    variants: v('Vanille/Vanilla, Schoko/Chocolate, Erdbeere/Strawberry, Honig/Honey, Paprika/Paprika, Meersalz/Sea Salt, Classic/Classic, Kräuter/Herbs, Nuss/Nut, Zimt/Cinnamon, Chili/Chili, Knoblauch/Garlic'),
  },
  {
    name: 'cleaning', category: 'haushalt', kind: 'pack', share: 0.14, qualifiers: [0, 5, 6], sizes: ['500 ml', '750 ml', '1 l', '1,5 l'],
    types: t('Spül|mittel/Washing-up Liquid, Wasch|mittel/Laundry Detergent, Glas|reiniger/Glass Cleaner, Allzweck|reiniger/All-purpose Cleaner, Weich|spüler/Fabric Softener, Bad|reiniger/Bathroom Cleaner, Boden|reiniger/Floor Cleaner, Küchen|reiniger/Kitchen Cleaner, Geschirr|reiniger/Dishwasher Detergent'),
    variants: v('Zitrone/Lemon, Lavendel/Lavender, Frische Brise/Fresh Breeze, Apfel/Apple, Minze/Mint, Sensitiv/Sensitive, Orange/Orange, Meeresbrise/Ocean Breeze, Limette/Lime, Eukalyptus/Eucalyptus'),
  },
  {
    name: 'body', category: 'drogerie', kind: 'pack', share: 0.12, qualifiers: [0, 5, 6], sizes: ['75 ml', '250 ml', '300 ml', '500 ml'],
    types: t('Dusch|gel/Shower Gel, Zahn|pasta/Toothpaste, Hand|creme/Hand Cream, Sonnen|creme/Sun Cream, Körper|lotion/Body Lotion, Deo|spray/Deodorant Spray, Shampoo/Shampoo, Haar|spülung/Conditioner, Mund|spülung/Mouthwash, Gesichts|creme/Face Cream'),
    variants: v('Lavendel/Lavender, Minze/Mint, Kokos/Coconut, Aloe Vera/Aloe Vera, Mandel/Almond, Sensitiv/Sensitive, Sport/Sport, Rose/Rose, Sandelholz/Sandalwood, Grüner Tee/Green Tea'),
  },
  {
    name: 'shoes', category: 'schuhe', kind: 'shoe', share: 0.14, sizes: [],
    types: t('Lauf|schuh/Running Shoe, Wander|schuh/Hiking Boot, Sneaker/Sneaker, Hallen|schuh/Indoor Shoe, Trail|schuh/Trail Shoe, Sandale/Sandal, Fußball|schuh/Football Boot'),
    variants: COLOURS,
  },
  {
    name: 'clothing', category: 'bekleidung', kind: 'clothing', share: 0.08, sizes: [],
    types: t('T-Shirt/T-Shirt, Kapuzen|pullover/Hoodie, Regen|jacke/Rain Jacket, Lauf|hose/Running Tights, Sport|socken/Sports Socks, Fleece|jacke/Fleece Jacket, Trainings|hose/Track Pants'),
    variants: COLOURS,
  },
  {
    name: 'devices', category: 'elektronik', kind: 'device', share: 0.08, sizes: [],
    types: t('Kopf|hörer/Headphones, Lade|kabel/Charging Cable, Laut|sprecher/Speaker, Power|bank/Power Bank, Smart|watch/Smartwatch, Tastatur/Keyboard, Funk|maus/Wireless Mouse, Tisch|lampe/Desk Lamp'),
    variants: COLOURS,
  },
];

/** Qualifiers of pack goods, as [de, en]; German writes "Bio-" and "Barista" before the type. */
export const QUALIFIERS = v('Bio/Organic, Barista/Barista, Light/Light, Protein/Protein, Laktosefrei/Lactose-free, Extra Stark/Extra Strong, Family/Family');

export const BRAND_SYLLABLES = ['ka', 'lo', 've', 'ra', 'mi', 'no', 'ta', 'ri', 'su', 'de', 'ba', 'lu', 'fi', 'xo', 'ze', 'po', 'gra', 'bel', 'mar', 'tin', 'sol', 'ven', 'dor', 'lin', 'bra', 'kor', 'fel', 'nis', 'wal', 'hu'];
export const LINE_WORDS = ['Air', 'Zoom', 'Cloud', 'Gel', 'Pulse', 'Flow', 'Wave', 'Storm', 'Peak', 'Swift', 'Trail', 'Nova', 'Ultra', 'Boost', 'Glide', 'Rush', 'Edge', 'Core', 'Flex', 'Max', 'Sonic', 'Terra', 'Vista', 'Aero', 'Metro', 'Nitro', 'Orbit', 'Pace', 'Rapid', 'Spirit', 'Fusion', 'Vapor', 'Blaze', 'Echo', 'Pixel', 'Quantum', 'Summit', 'Drift', 'Falcon', 'Comet'];
export const LINE_NUMBERS = [0, 0, 0, 1, 2, 3, 5, 7, 90, 97, 95, 270, 360, 500, 2000, 15, 20, 30, 42, 12];
export const CLOTHING_SIZES = ['S', 'M', 'L', 'XL'];
export const SHOE_SIZES = [40, 41, 42, 43, 44];
