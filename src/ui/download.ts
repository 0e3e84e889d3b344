/** Files the app hands to the user: names cut at a word boundary, CSV text, and the download itself. */

/** A file name's stem from a title, cut at a word boundary: "Twitter home timeline hybrid…" → "twitter-home-timeline-hybrid". */
export function fileStem(title: string, maxChars = 48, fallback = 'fanout-lab'): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxChars) return slug || fallback;
  const cut = slug.slice(0, maxChars + 1);
  const boundary = cut.lastIndexOf('-');
  // A single word longer than the limit is cut where it must be.
  return (boundary > 0 ? cut.slice(0, boundary) : slug.slice(0, maxChars)).replace(/-+$/, '') || fallback;
}

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value))) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text, header first, CRLF line ends. */
export function toCsv(rows: readonly (readonly (string | number | undefined | null)[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Hands a blob to the browser as a download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
