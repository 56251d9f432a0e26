// Losses as the page shows them. Counts, percentages and durations depend on
// the language and come from the translator (i18n/translator.ts); a loss is
// digits and a decimal point, written the same in Korean and English.

/** A loss with three significant digits (small losses stay readable). */
export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return '–';
  if (loss !== 0 && Math.abs(loss) < 0.001) return loss.toExponential(2);
  return loss.toPrecision(3);
}
