/** Small DOM helpers: elements from a tag, attributes and children; number formats. */

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** A count, or an en dash where the hub withheld it (too few people behind it). */
export const count = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : integer.format(value);

/** A value with one decimal (shares are 0-100), or an en dash. */
export const decimal = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : oneDecimal.format(value);

/** For chart data: rounded to one decimal, null kept (a gap in the line). */
export const round1 = (value: number | null | undefined): number | null =>
  value === null || value === undefined ? null : Math.round(value * 10) / 10;

/** A table of rows (the data behind a chart, for screen readers and for copying). */
export function dataTable(
  name: string,
  caption: string,
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  rowKey: (index: number) => string,
): HTMLElement {
  return h(
    'details',
    { class: 'data' },
    h('summary', {}, 'Data table'),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { 'data-table': name },
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          ...rows.map((row, index) =>
            h(
              'tr',
              { 'data-key': rowKey(index) },
              ...row.map((cell, i) =>
                i === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
