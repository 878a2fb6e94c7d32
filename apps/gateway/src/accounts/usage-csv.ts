import type { UsageReport } from './usage.service';

const HEADER = ['group', 'requests', 'input_tokens', 'output_tokens', 'cost'];

/** RFC 4180 quoting, and no formula injection when opened in a spreadsheet. */
function cell(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The usage report as CSV: one row per group, then a `total` row. */
export function usageCsv(report: UsageReport): string {
  const rows = [
    HEADER,
    ...report.data.map((row) => [
      row.group,
      row.requests,
      row.input_tokens,
      row.output_tokens,
      row.cost,
    ]),
    [
      'total',
      report.totals.requests,
      report.totals.input_tokens,
      report.totals.output_tokens,
      report.totals.cost,
    ],
  ];
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
