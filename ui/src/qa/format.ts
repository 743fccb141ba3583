/** How QA scores read: one decimal at most, in the interface language's digits. */
export function formatScore(language: string, score: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(score);
}
