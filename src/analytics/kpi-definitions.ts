/**
 * What each KPI means, in the console's two languages. docs/kpis.md says the same at length; a
 * test keeps the two lists of names equal.
 */
export const KPI_DEFINITIONS = {
  conversations: {
    en: ['Conversations', 'Sessions with at least one turn, counted on the day, platform and locale of their first turn.'],
    de: ['Gespräche', 'Sitzungen mit mindestens einem Zug, gezählt am Tag, auf der Plattform und in der Sprache ihres ersten Zugs.'],
  },
  turnsPerConversation: {
    en: ['Turns per conversation', 'Answered turns (openings and intents, not session ends) divided by conversations.'],
    de: ['Züge pro Gespräch', 'Beantwortete Züge (Start und Intents, ohne Sitzungsende) geteilt durch Gespräche.'],
  },
  containment: {
    en: ['Containment', 'Share of conversations that ended without a hand-off to a person.'],
    de: ['Selbst gelöst', 'Anteil der Gespräche, die ohne Übergabe an einen Menschen endeten.'],
  },
  fallbackRate: {
    en: ['Fallback rate', 'Share of turns the skill did not understand (answered as AMAZON.FallbackIntent).'],
    de: ['Nicht verstanden', 'Anteil der Züge, die der Skill nicht verstand (als AMAZON.FallbackIntent beantwortet).'],
  },
  handoffRate: {
    en: ['Hand-off rate', 'Share of conversations with a hand-off: asked for a person, said yes to one, or were offered the contact after repeated fallbacks.'],
    de: ['Übergaben', 'Anteil der Gespräche mit Übergabe: nach einem Menschen gefragt, eine angebotene angenommen, oder nach wiederholtem Nichtverstehen den Kontakt erhalten.'],
  },
  abandonment: {
    en: ['Abandonment', 'Share of conversations that ended right after a fallback: the customer fell silent or left, or said stop/cancel.'],
    de: ['Abbrüche', 'Anteil der Gespräche, die direkt nach einem Nichtverstehen endeten: Schweigen, Verlassen oder „Stopp“/„Abbrechen“.'],
  },
  taskCompletion: {
    en: ['Task completion', 'Per intent: conversations that reached its goal (product found, order placed, an answer given) of those that tried it.'],
    de: ['Aufgaben erledigt', 'Je Intent: Gespräche, die ihr Ziel erreichten (Produkt gefunden, Bestellung aufgegeben, Antwort erhalten), von denen, die es versuchten.'],
  },
  csat: {
    en: ['CSAT', 'Share of feedback scores of 4 or 5 (of 5) among all scores given.'],
    de: ['Zufriedenheit', 'Anteil der Bewertungen 4 oder 5 (von 5) an allen abgegebenen.'],
  },
  p50Ms: {
    en: ['Response time p50', 'Median milliseconds from request to reply, over all turns.'],
    de: ['Antwortzeit p50', 'Median der Millisekunden von Anfrage bis Antwort, über alle Züge.'],
  },
  p95Ms: {
    en: ['Response time p95', '95th percentile (nearest rank) of the milliseconds from request to reply.'],
    de: ['Antwortzeit p95', '95. Perzentil (nächster Rang) der Millisekunden von Anfrage bis Antwort.'],
  },
  orders: {
    en: ['Orders', 'Orders placed by voice (a confirmed reorder).'],
    de: ['Bestellungen', 'Per Sprache aufgegebene Bestellungen (bestätigte Nachbestellungen).'],
  },
  revenueCents: {
    en: ['Revenue', 'Sum of the totals of the orders placed by voice, as read back and confirmed.'],
    de: ['Umsatz', 'Summe der Gesamtbeträge der per Sprache aufgegebenen Bestellungen, wie vorgelesen und bestätigt.'],
  },
  reorderConversion: {
    en: ['Reorder conversion', 'Orders placed divided by reorders read back for confirmation.'],
    de: ['Nachbestell-Quote', 'Aufgegebene Bestellungen geteilt durch zur Bestätigung vorgelesene Nachbestellungen.'],
  },
  notFoundProducts: {
    en: ['Products not found', 'What customers asked for that the shop did not have, with how often (the slot value as heard).'],
    de: ['Nicht gefundene Produkte', 'Wonach Kunden fragten, was der Shop nicht hatte, mit Häufigkeit (der Slot-Wert wie gehört).'],
  },
  fallbackSentences: {
    en: ['Sentences not understood', 'Sentences that fell back, redacted (numbers, addresses and long words removed): samples to add.'],
    de: ['Nicht verstandene Sätze', 'Sätze, die nicht verstanden wurden, geschwärzt (Zahlen, Adressen, lange Wörter entfernt): Beispielsätze zum Ergänzen.'],
  },
} as const satisfies Record<string, { en: readonly [string, string]; de: readonly [string, string] }>;

export type KpiName = keyof typeof KPI_DEFINITIONS;
