/**
 * Characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a text cell as a
 * formula or a command when they start it: OWASP's CSV-injection list (`=` `+` `-` `@`, tab,
 * carriage return), the pipe and percent some of them also honour (DDE, `%` macros), a line feed,
 * and the full-width forms (`＝` `＋` `－` `＠`) that some read as their ASCII twins. Leading
 * spaces do not hide them.
 */
const FORMULA_START = /^[\s]*[=+\-@|%\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

/**
 * A text cell as every flat export writes it (CSV, SDMX-CSV, and any later flat format): a cell
 * that could start a formula gets a leading apostrophe, which spreadsheets show as text and
 * drop. Stored values are never changed; numbers are not text and stay as they are.
 */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
