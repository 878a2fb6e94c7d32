/** `$` before the API's own decimal string, sign first: the digits are never reformatted. */
export function usd(amount: string): string {
  return amount.startsWith('-') ? `-$${amount.slice(1)}` : `$${amount}`;
}

/** An ISO instant as `2026-12-04 15:40:12 UTC`. */
export function when(iso: string | null): string {
  return iso === null ? '—' : `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** Integers with thin grouping: 1234567 → 1,234,567. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}
