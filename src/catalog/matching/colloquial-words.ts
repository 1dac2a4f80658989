/**
 * Everyday words shoppers say for what the catalog spells differently, folded. A short list on
 * purpose: the general rules (prefixes, compound heads, diminutive "-i") carry most such words;
 * these are the ones no rule can derive ("Klopapier" is no prefix of "Toilettenpapier").
 */
export const COLLOQUIAL_WORDS: Record<string, string[]> = {
  spuli: ['spulmittel'],
  klopapier: ['toilettenpapier'],
  klorolle: ['toilettenpapier'],
  osaft: ['orangensaft'],
  asaft: ['apfelsaft'],
  schoki: ['schokolade'],
  deo: ['deodorant', 'deospray'],
  tempo: ['taschentucher'],
  zahncreme: ['zahnpasta'],
  turnschuh: ['sneaker', 'laufschuh'],
  sprudel: ['mineralwasser'],
  telly: ['tv', 'fernseher'],
  trainers: ['sneakers', 'sneaker'],
  loo: ['toilet'],
};

/**
 * Colour names in both languages, folded, so an attribute stored in one language ("blau") is
 * found when said in the other ("blue").
 */
export const COLOUR_TRANSLATIONS: Record<string, string> = {
  blau: 'blu', blu: 'blau', rot: 'red', red: 'rot', grun: 'green', green: 'grun', gelb: 'yellow',
  yellow: 'gelb', schwarz: 'black', black: 'schwarz', weiss: 'white', white: 'weiss', grau: 'grey',
  grey: 'grau', gray: 'grau', braun: 'brown', brown: 'braun', rosa: 'pink', pink: 'rosa',
  lila: 'purple', purple: 'lila', orange: 'orange', beige: 'beige', silber: 'silver', silver: 'silber',
  gold: 'gold', turkis: 'turquoise', turquoise: 'turkis', navy: 'dunkelblau', dunkelblau: 'navy',
};
