/** Numbers as a speech recogniser writes them out, for the benchmark's spoken queries. */

const DE_UNITS = ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf', 'dreizehn', 'vierzehn', 'fünfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn'];
const DE_TENS = ['', '', 'zwanzig', 'dreißig', 'vierzig', 'fünfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'];
const EN_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 42 → "zweiundvierzig", 500 → "fünfhundert", 1 → "eins". Whole numbers below 10,000. */
export function germanNumber(n: number): string {
  if (n < 20) return DE_UNITS[n]!;
  if (n < 100) {
    const unit = n % 10;
    const tens = DE_TENS[Math.floor(n / 10)]!;
    return unit === 0 ? tens : `${unit === 1 ? 'ein' : DE_UNITS[unit]}und${tens}`;
  }
  if (n < 1000) {
    const h = Math.floor(n / 100);
    const rest = n % 100;
    return `${h === 1 ? 'ein' : DE_UNITS[h]}hundert${rest ? germanNumber(rest) : ''}`;
  }
  const t = Math.floor(n / 1000);
  const rest = n % 1000;
  return `${t === 1 ? 'ein' : germanNumber(t)}tausend${rest ? germanNumber(rest) : ''}`;
}

/** 42 → "forty two", 500 → "five hundred". Whole numbers below 10,000. */
export function englishNumber(n: number): string {
  if (n < 20) return EN_UNITS[n]!;
  if (n < 100) return n % 10 === 0 ? EN_TENS[n / 10]! : `${EN_TENS[Math.floor(n / 10)]} ${EN_UNITS[n % 10]}`;
  if (n < 1000) return `${EN_UNITS[Math.floor(n / 100)]} hundred${n % 100 ? ' and ' + englishNumber(n % 100) : ''}`;
  return `${englishNumber(Math.floor(n / 1000))} thousand${n % 1000 ? ' ' + englishNumber(n % 1000) : ''}`;
}
