/**
 * The next Saturday after today as `YYYY-MM-DD`, in Berlin's calendar (the demo shop's time zone):
 * never today, whose answer ("öffnet heute um 8 Uhr", "hat noch bis 18 Uhr offen") moves with the clock.
 */
export function nextSaturday(now: Date): string {
  const berlin = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
  const parts = Object.fromEntries(berlin.formatToParts(now).map((p) => [p.type, p.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!);
  const day = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + (((6 - weekday + 7) % 7 || 7))));
  return day.toISOString().slice(0, 10);
}
