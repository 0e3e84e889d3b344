/**
 * One colour per compared variant, the same in the table, the legends and
 * every overlaid chart. Mid-tone hues that read on light and dark alike and
 * stay apart from each other.
 */
export const VARIANT_COLORS = ['#ea580c', '#0284c7', '#16a34a'] as const;

export function variantColor(index: number): string {
  return VARIANT_COLORS[index % VARIANT_COLORS.length];
}
