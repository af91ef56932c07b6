/**
 * The reference dashboard served at /dashboard: the reform indicators of A/77/590/Add.1 against
 * their targets, and the workforce figures behind them, read from the hub's public GraphQL API
 * only (see ./queries.ts). Filters: year and entity, kept in the address so a view can be shared.
 * Every chart links to its query in the explorer and has its data as a table.
 */
import './dashboard.css';
import { explorerLink, graphql, type Variables } from './api';
import { drawChart, PALETTE } from './charts';
import { count, dataTable, decimal, h, round1 } from './dom';
import * as Q from '../../src/shared/persisted/dashboard';

// ---------------------------------------------------------------------------------------------
// Answer shapes (what each query in ./queries.ts selects)

interface Observation {
  period: string;
  value: number;
}
interface Target {
  min: number | null;
  max: number | null;
  year: number | null;
}
interface Status {
  status: 'ACHIEVED' | 'ON_TRACK' | 'OFF_TRACK' | 'NO_TARGET' | 'INSUFFICIENT_DATA';
  latestValue: number | null;
  projectedValue: number | null;
  projectionYear: number | null;
  slopePerYear: number | null;
}
interface Indicator {
  code: string;
  name: string;
  outcome: 'DIVERSITY' | 'AGILITY' | 'ACCOUNTABILITY' | 'ENABLERS';
  unit: string;
  series: Observation[];
  target: Target | null;
  status: Status & { method: string };
}
interface FiltersAnswer {
  datasets: { name: string; rowCount: number | null }[];
  entities: { code: string; name: string }[];
  workforce: { year: number; headcount: number | null }[];
  engagementWaves: { year: number }[];
}
type RepresentationStatus =
  'UNREPRESENTED' | 'UNDER_REPRESENTED' | 'WITHIN_RANGE' | 'OVER_REPRESENTED';

// ---------------------------------------------------------------------------------------------
// Labels

const OUTCOMES: readonly { key: Indicator['outcome']; title: string }[] = [
  { key: 'DIVERSITY', title: 'Diversity' },
  { key: 'AGILITY', title: 'Agility' },
  { key: 'ACCOUNTABILITY', title: 'Accountability' },
  { key: 'ENABLERS', title: 'Enablers' },
];
const STATUS_LABEL: Record<Status['status'], string> = {
  ACHIEVED: 'Achieved',
  ON_TRACK: 'On track',
  OFF_TRACK: 'Off track',
  NO_TARGET: 'No target',
  INSUFFICIENT_DATA: 'Too few figures',
};
const REPRESENTATION: readonly { key: RepresentationStatus; label: string; colour: string }[] = [
  { key: 'UNREPRESENTED', label: 'Unrepresented', colour: '#c0392b' },
  { key: 'UNDER_REPRESENTED', label: 'Under-represented', colour: '#d4590b' },
  { key: 'WITHIN_RANGE', label: 'Within range', colour: '#2a8a4a' },
  { key: 'OVER_REPRESENTED', label: 'Over-represented', colour: '#0b5cad' },
];
const CATEGORY_LABEL: Record<string, string> = {
  PROFESSIONAL_AND_HIGHER: 'Professional and higher',
  FIELD_SERVICE: 'Field Service',
  GENERAL_SERVICE: 'General Service',
  NATIONAL_PROFESSIONAL_OFFICER: 'National Professional Officer',
};
const PROGRAMMES = [
  ['mandatoryShare', 'Mandatory'],
  ['onboardingShare', 'Onboarding'],
  ['leadershipShare', 'Leadership'],
  ['functionalShare', 'Functional'],
  ['languageShare', 'Language'],
  ['wellBeingShare', 'Well-being'],
] as const;

function withUnit(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '–';
  const shown = decimal(value);
  switch (unit) {
    case 'PERCENT':
      return `${shown}%`;
    case 'PERCENTAGE_POINTS':
      return `${shown} pp`;
    case 'DAYS':
      return `${shown} days`;
    case 'YEARS':
      return `${shown} years`;
    case 'USD':
      return `$${shown}`;
    default:
      return shown;
  }
}

function targetText(target: Target | null, unit: string): string {
  if (!target || (target.min === null && target.max === null)) return 'No target';
  const by = target.year ? ` by ${target.year}` : '';
  if (target.min !== null && target.max !== null && target.min !== target.max)
    return `${withUnit(target.min, unit)} to ${withUnit(target.max, unit)}${by}`;
  if (target.min !== null && target.max !== null) return `${withUnit(target.min, unit)}${by}`;
  if (target.min !== null) return `At least ${withUnit(target.min, unit)}${by}`;
  return `At most ${withUnit(target.max, unit)}${by}`;
}

/** The yearly figures of a series ("2021"), oldest first; dates and spans are left out. */
const yearly = (series: readonly Observation[]): { year: number; value: number }[] =>
  series
    .filter((o) => /^\d{4}$/.test(o.period))
    .map((o) => ({ year: Number(o.period), value: o.value }))
    .sort((a, b) => a.year - b.year);

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

// ---------------------------------------------------------------------------------------------
// Page state and structure

interface State {
  year: number;
  entity: string;
}

interface Panel {
  root: HTMLElement;
  body: HTMLElement;
  /** Shows the query behind the panel's chart (a link into the explorer). */
  query(query: string, variables: Variables): void;
}

function panel(id: string, title: string, description: string): Panel {
  const body = h('div', { class: 'panel-body' });
  const link = h('a', { class: 'query-link', href: '/graphql' }, 'Open the query in the explorer');
  const root = h(
    'section',
    { class: 'panel', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    h('p', { class: 'lede' }, description),
    body,
    h('p', { class: 'query' }, link),
  );
  return {
    root,
    body,
    query(query, variables) {
      link.href = explorerLink(query, variables);
    },
  };
}

function chartBox(name: string): HTMLElement {
  return h('div', { class: 'chart', 'data-chart': name, tabindex: 0 });
}

function failed(into: HTMLElement, error: unknown): void {
  into.replaceChildren(
    h('p', { class: 'error', role: 'alert' }, `Could not load this part: ${String(error)}`),
  );
}

const entitiesFilter = (state: State): string[] | null => (state.entity ? [state.entity] : null);

// ---------------------------------------------------------------------------------------------
// Sections

async function headlines(into: HTMLElement, state: State): Promise<void> {
  const variables = { year: state.year, entities: entitiesFilter(state) };
  const data = await graphql<{
    workforce: { headcount: number | null; womenShare: number | null }[];
    seniorWomen: { womenShare: number | null }[];
    recruitment: { recruitments: number | null; averageDaysToRecruit: number | null }[];
    representationSummary: { status: RepresentationStatus; count: number }[];
  }>(Q.HEADLINES, variables);
  const within = data.representationSummary.find((r) => r.status === 'WITHIN_RANGE')?.count;
  const states = data.representationSummary.reduce((sum, r) => sum + r.count, 0);
  const tiles: [string, string, string][] = [
    ['headcount', 'Staff at 31 December', count(data.workforce[0]?.headcount)],
    ['women-share', 'Women, all staff', `${decimal(data.workforce[0]?.womenShare)}%`],
    ['women-share-p-fs', 'Women, P+ and FS', `${decimal(data.seniorWomen[0]?.womenShare)}%`],
    ['recruitments', 'Recruitments', count(data.recruitment[0]?.recruitments)],
    [
      'days-to-recruit',
      'Days to recruit (average)',
      decimal(data.recruitment[0]?.averageDaysToRecruit),
    ],
    ['within-range', 'Member states within range', states ? `${count(within)} of ${states}` : '–'],
  ];
  into.replaceChildren(
    h(
      'dl',
      { class: 'tiles' },
      ...tiles.map(([key, label, value]) =>
        h('div', { class: 'tile', 'data-tile': key }, h('dt', {}, label), h('dd', {}, value)),
      ),
    ),
  );
}

function indicatorCard(indicator: Indicator): HTMLElement {
  const points = yearly(indicator.series);
  const latest = indicator.series.at(-1);
  const status = indicator.status.status;
  const card = h(
    'article',
    { class: 'indicator', 'data-indicator': indicator.code },
    h('h4', {}, indicator.name),
    h(
      'p',
      { class: 'figure' },
      h('span', { class: 'value' }, withUnit(latest?.value, indicator.unit)),
      latest ? h('span', { class: 'period' }, ` (${latest.period})`) : null,
    ),
    h(
      'p',
      { class: 'target' },
      'Target: ',
      targetText(indicator.target, indicator.unit),
      ' ',
      h('span', { class: `status status-${status.toLowerCase()}` }, STATUS_LABEL[status]),
    ),
  );
  if (points.length >= 2) {
    const spark = h('div', { class: 'spark', 'data-chart': `indicator-${indicator.code}` });
    card.append(spark);
    const target = indicator.target;
    const band =
      target && (target.min !== null || target.max !== null)
        ? [
            [
              { yAxis: target.min ?? 0, itemStyle: { color: 'rgba(42,138,74,0.15)' } },
              {
                yAxis: target.max ?? Math.max(target.min ?? 0, ...points.map((p) => p.value)) * 1.2,
              },
            ],
          ]
        : [];
    // Drawn once the card is in the page (ECharts needs its size).
    queueMicrotask(() =>
      drawChart(
        spark,
        {
          grid: { left: 4, right: 4, top: 8, bottom: 18 },
          xAxis: {
            type: 'category',
            data: points.map((p) => String(p.year)),
            axisTick: { show: false },
          },
          yAxis: { type: 'value', show: false, scale: true },
          tooltip: { trigger: 'axis' },
          series: [
            {
              type: 'line',
              name: indicator.name,
              data: points.map((p) => p.value),
              symbolSize: 5,
              markArea: { silent: true, data: band as never },
            },
          ],
        },
        `${indicator.name}: ${points.map((p) => `${p.year} ${withUnit(p.value, indicator.unit)}`).join(', ')}`,
      ),
    );
  }
  return card;
}

function indicatorsSection(into: HTMLElement, indicators: readonly Indicator[]): void {
  into.replaceChildren(
    ...OUTCOMES.map(({ key, title }) => {
      const own = indicators.filter((i) => i.outcome === key);
      return h(
        'div',
        { class: 'outcome', 'data-outcome': key },
        h('h3', {}, `${title} (${own.length})`),
        h('div', { class: 'cards' }, ...own.map(indicatorCard)),
      );
    }),
  );
}

async function womenShare(into: HTMLElement, state: State, panelOf: Panel): Promise<void> {
  const variables = { entities: entitiesFilter(state) };
  panelOf.query(Q.WOMEN_SHARE, variables);
  const data = await graphql<{
    indicator: { name: string; series: Observation[]; target: Target | null; status: Status };
    workforce: { year: number; headcount: number | null; womenShare: number | null }[];
  }>(Q.WOMEN_SHARE, variables);
  const published = yearly(data.indicator.series);
  const status = data.indicator.status;
  const target = data.indicator.target;
  const hub = new Map(data.workforce.map((c) => [c.year, round1(c.womenShare)]));
  const lastPublished = published.at(-1);
  const endYear = Math.max(
    target?.year ?? 0,
    status.projectionYear ?? 0,
    ...hub.keys(),
    lastPublished?.year ?? 0,
  );
  const startYear = Math.min(...published.map((p) => p.year), ...hub.keys());
  const years = range(startYear, endYear);
  const publishedByYear = new Map(published.map((p) => [p.year, p.value]));
  // The projection: the fitted line from the latest published year to the target year.
  const projection = new Map<number, number>();
  if (lastPublished && status.slopePerYear !== null && status.projectionYear) {
    for (const year of range(lastPublished.year, status.projectionYear))
      projection.set(
        year,
        round1(lastPublished.value + status.slopePerYear * (year - lastPublished.year)) ?? 0,
      );
    if (status.projectedValue !== null)
      projection.set(status.projectionYear, round1(status.projectedValue) ?? 0);
  }
  const scope = state.entity ? state.entity : 'Secretariat';
  const chart = chartBox('women-share');
  const rows = years
    .filter((y) => publishedByYear.has(y) || hub.get(y) != null || projection.has(y))
    .map((y) => [
      String(y),
      decimal(publishedByYear.get(y)),
      decimal(hub.get(y)),
      decimal(projection.get(y)),
    ]);
  into.replaceChildren(
    chart,
    dataTable(
      'women-share',
      `Women's share of P+ and FS staff (%), by year`,
      ['Year', 'Published (A/77/590/Add.1)', `Hub data (${scope})`, 'Projection'],
      rows,
      (i) => String(rows[i]?.[0]),
    ),
  );
  const band =
    target && target.min !== null && target.max !== null ? [target.min, target.max] : null;
  drawChart(
    chart,
    {
      grid: { left: 44, right: 16, top: 40, bottom: 32 },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '–' : `${String(v)}%`) },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', min: 30, max: 60, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          name: 'Published',
          // A figure whose next year is published too goes left of its point, not above it,
          // where the next one's would print over it on a phone.
          data: years.map((y) => ({
            value: publishedByYear.get(y) ?? null,
            label: publishedByYear.has(y + 1) ? { position: 'left' as const } : undefined,
          })),
          symbolSize: 7,
          label: {
            show: true,
            formatter: (p) => String(p.value ?? ''),
            position: 'top',
            fontSize: 11,
          },
          markArea: band
            ? {
                silent: true,
                itemStyle: { color: 'rgba(42,138,74,0.12)' },
                label: { position: 'insideTopRight', color: '#2a6b3c' },
                data: [
                  [
                    {
                      yAxis: band[0],
                      name: `Parity band ${band[0]}-${band[1]}% by ${target?.year ?? ''}`,
                    },
                    { yAxis: band[1] },
                  ],
                ],
              }
            : undefined,
        },
        {
          type: 'line',
          name: `Hub data (${scope})`,
          data: years.map((y) => hub.get(y) ?? null),
          symbolSize: 5,
          lineStyle: { width: 1.5 },
        },
        {
          type: 'line',
          name: 'Projection',
          data: years.map((y) => projection.get(y) ?? null),
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          connectNulls: true,
        },
      ],
    },
    `Women's share of P+ and FS staff by year: ${published.map((p) => `${p.year} ${p.value}%`).join(', ')}; parity band ${band ? `${band[0]}-${band[1]}%` : 'none'}.`,
  );
}

async function representation(
  into: HTMLElement,
  state: State,
  from: number,
  panelOf: Panel,
): Promise<void> {
  const variables = { year: state.year, from };
  panelOf.query(Q.REPRESENTATION, variables);
  const data = await graphql<{
    representationTrend: { year: number; status: RepresentationStatus; count: number }[];
    memberStates: {
      iso3: string;
      name: string;
      region: string;
      representation: {
        status: RepresentationStatus;
        staffCount: number;
        lowerLimit: number;
        midpoint: number;
        upperLimit: number;
      };
    }[];
  }>(Q.REPRESENTATION, variables);
  const years = [...new Set(data.representationTrend.map((r) => r.year))].sort();
  const countOf = (year: number, status: RepresentationStatus) =>
    data.representationTrend.find((r) => r.year === year && r.status === status)?.count ?? 0;
  const chart = chartBox('representation');
  const order = new Map(REPRESENTATION.map((r, i) => [r.key, i]));
  const states = [...data.memberStates].sort(
    (a, b) =>
      (order.get(a.representation.status) ?? 0) - (order.get(b.representation.status) ?? 0) ||
      a.name.localeCompare(b.name),
  );
  const find = h('input', {
    type: 'search',
    id: 'find-state',
    placeholder: 'Afghanistan, Brazil…',
    autocomplete: 'off',
  });
  const tbody = h(
    'tbody',
    {},
    ...states.map((s) => {
      const r = s.representation;
      const scale = Math.max(r.upperLimit, r.staffCount, 1) * 1.05;
      const pct = (v: number) => `${((v / scale) * 100).toFixed(1)}%`;
      const label = REPRESENTATION.find((x) => x.key === r.status)?.label ?? r.status;
      return h(
        'tr',
        { 'data-key': s.iso3, 'data-name': s.name.toLowerCase() },
        h('th', { scope: 'row' }, s.name),
        h('td', {}, h('span', { class: `rep rep-${r.status.toLowerCase()}` }, label)),
        h('td', { class: 'num' }, count(r.staffCount)),
        h('td', { class: 'num' }, `${decimal(r.lowerLimit)} – ${decimal(r.upperLimit)}`),
        h(
          'td',
          {
            class: 'position',
            'aria-label': `${count(r.staffCount)} staff; range ${decimal(r.lowerLimit)} to ${decimal(r.upperLimit)}, midpoint ${decimal(r.midpoint)}`,
          },
          h(
            'span',
            { class: 'track', 'aria-hidden': 'true' },
            h('span', {
              class: 'band',
              style: `left:${pct(r.lowerLimit)};width:${pct(r.upperLimit - r.lowerLimit)}`,
            }),
            h('span', { class: 'mid', style: `left:${pct(r.midpoint)}` }),
            h('span', {
              class: `dot rep-${r.status.toLowerCase()}`,
              style: `left:${pct(r.staffCount)}`,
            }),
          ),
        ),
      );
    }),
  );
  find.addEventListener('input', () => {
    const text = find.value.trim().toLowerCase();
    for (const row of tbody.rows)
      row.hidden = text !== '' && !(row.dataset.name ?? '').includes(text);
  });
  into.replaceChildren(
    chart,
    dataTable(
      'representation-trend',
      'Member states by representation status and year',
      ['Year', ...REPRESENTATION.map((r) => r.label)],
      years.map((y) => [String(y), ...REPRESENTATION.map((r) => countOf(y, r.key))]),
      (i) => String(years[i]),
    ),
    h('h3', {}, `Each member state's position in its desirable range, ${state.year}`),
    h('p', {}, h('label', { for: 'find-state' }, 'Find a member state '), find),
    h(
      'div',
      { class: 'scroll tall', tabindex: 0, role: 'region', 'aria-label': 'Member states table' },
      h(
        'table',
        { 'data-table': 'member-states', class: 'states' },
        h(
          'caption',
          {},
          `Staff in posts subject to geographical distribution against the desirable range, ${state.year}. The bar shows the range (shaded), its midpoint (line) and the staff count (dot).`,
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Member state', 'Status', 'Staff', 'Desirable range', 'Position'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        tbody,
      ),
    ),
  );
  drawChart(
    chart,
    {
      grid: { left: 40, right: 16, top: 40, bottom: 32 },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: years.map(String) },
      // No max at the number of member states: a 193 label crowds the tick under it.
      yAxis: { type: 'value' },
      series: REPRESENTATION.map((r) => ({
        type: 'bar' as const,
        name: r.label,
        stack: 'states',
        itemStyle: { color: r.colour },
        data: years.map((y) => countOf(y, r.key)),
      })),
    },
    `Member states by representation status, ${years[0]}-${years.at(-1)}`,
  );
}

async function workforceByEntity(
  into: HTMLElement,
  state: State,
  names: Map<string, string>,
  panelOf: Panel,
): Promise<void> {
  const variables = { year: state.year, entities: entitiesFilter(state) };
  panelOf.query(Q.WORKFORCE_BY_ENTITY, variables);
  const data = await graphql<{
    workforce: { entityCode: string; gradeCategory: string; headcount: number | null }[];
  }>(Q.WORKFORCE_BY_ENTITY, variables);
  const categories = Object.keys(CATEGORY_LABEL).filter((c) =>
    data.workforce.some((w) => w.gradeCategory === c),
  );
  const totals = new Map<string, number>();
  for (const cell of data.workforce)
    totals.set(cell.entityCode, (totals.get(cell.entityCode) ?? 0) + (cell.headcount ?? 0));
  const entities = [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([code]) => code);
  const cell = (entity: string, category: string) =>
    data.workforce.find((w) => w.entityCode === entity && w.gradeCategory === category)
      ?.headcount ?? null;
  const chart = chartBox('workforce-by-entity');
  into.replaceChildren(
    chart,
    dataTable(
      'workforce-by-entity',
      `Staff by entity and category, ${state.year} (largest ${entities.length})`,
      ['Entity', ...categories.map((c) => CATEGORY_LABEL[c] ?? c), 'Total'],
      entities.map((e) => [
        `${e} – ${names.get(e) ?? ''}`,
        ...categories.map((c) => count(cell(e, c))),
        count(totals.get(e)),
      ]),
      (i) => entities[i] ?? '',
    ),
  );
  const shown = [...entities].reverse();
  drawChart(
    chart,
    {
      grid: { left: 88, right: 16, top: 40, bottom: 28 },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: shown },
      series: categories.map((c) => ({
        type: 'bar' as const,
        name: CATEGORY_LABEL[c] ?? c,
        stack: 'staff',
        data: shown.map((e) => cell(e, c)),
      })),
    },
    `Staff by entity and category in ${state.year}, largest entities first`,
  );
}

async function timeToRecruit(into: HTMLElement, state: State, panelOf: Panel): Promise<void> {
  const variables = { entities: entitiesFilter(state) };
  panelOf.query(Q.TIME_TO_RECRUIT, variables);
  const data = await graphql<{
    recruitment: {
      year: number;
      recruitments: number | null;
      averageDaysToRecruit: number | null;
    }[];
  }>(Q.TIME_TO_RECRUIT, variables);
  const rows = [...data.recruitment].sort((a, b) => a.year - b.year);
  const chart = chartBox('time-to-recruit');
  into.replaceChildren(
    chart,
    dataTable(
      'time-to-recruit',
      'Recruitments and average days to recruit, by year of selection',
      ['Year', 'Recruitments', 'Average days to recruit'],
      rows.map((r) => [String(r.year), count(r.recruitments), decimal(r.averageDaysToRecruit)]),
      (i) => String(rows[i]?.year),
    ),
  );
  drawChart(
    chart,
    {
      // The axis names sit above the plot, under the legend (which spans a phone's width).
      grid: { left: 48, right: 48, top: 64, bottom: 32 },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map((r) => String(r.year)) },
      yAxis: [
        { type: 'value', name: 'Recruitments' },
        { type: 'value', name: 'Days', splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          name: 'Recruitments',
          data: rows.map((r) => ({
            value: r.recruitments,
            itemStyle: r.year === state.year ? { color: '#073b70' } : undefined,
          })),
        },
        {
          type: 'line',
          name: 'Average days to recruit',
          yAxisIndex: 1,
          data: rows.map((r) => round1(r.averageDaysToRecruit)),
          itemStyle: { color: PALETTE[1] },
        },
      ],
    },
    `Recruitments and average days to recruit by year; ${state.year} highlighted`,
  );
}

async function engagement(
  into: HTMLElement,
  state: State,
  waves: readonly number[],
  panelOf: Panel,
): Promise<void> {
  const wave = [...waves]
    .filter((w) => w <= state.year)
    .sort()
    .at(-1);
  if (wave === undefined) {
    into.replaceChildren(h('p', { class: 'empty' }, `No survey wave on or before ${state.year}.`));
    return;
  }
  const variables = { wave, entities: entitiesFilter(state) };
  panelOf.query(Q.ENGAGEMENT, variables);
  const data = await graphql<{
    engagement: {
      threshold: number;
      cells: { questionDimension: string; respondents: number | null; favourable: number | null }[];
    };
  }>(Q.ENGAGEMENT, variables);
  const cells = [...data.engagement.cells].sort(
    (a, b) => (a.favourable ?? -1) - (b.favourable ?? -1),
  );
  const chart = chartBox('engagement');
  into.replaceChildren(
    h(
      'p',
      {},
      `Wave ${wave}. Groups of fewer than ${data.engagement.threshold} respondents are not shown.`,
    ),
    chart,
    dataTable(
      'engagement',
      `Favourable answers (%) by survey dimension, wave ${wave}`,
      ['Dimension', 'Respondents', 'Favourable (%)'],
      [...cells]
        .reverse()
        .map((c) => [c.questionDimension, count(c.respondents), decimal(c.favourable)]),
      (i) => [...cells].reverse()[i]?.questionDimension ?? '',
    ),
  );
  drawChart(
    chart,
    {
      grid: { left: 150, right: 24, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: cells.map((c) => c.questionDimension) },
      series: [
        {
          type: 'bar',
          name: 'Favourable',
          data: cells.map((c) => round1(c.favourable)),
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    },
    `Favourable answers by survey dimension, wave ${wave}`,
  );
}

async function learning(into: HTMLElement, state: State, panelOf: Panel): Promise<void> {
  const variables = { year: state.year, entities: entitiesFilter(state) };
  panelOf.query(Q.LEARNING, variables);
  const data = await graphql<{
    learningCoverage: ({ staff: number | null } & Record<
      (typeof PROGRAMMES)[number][0],
      number | null
    >)[];
  }>(Q.LEARNING, variables);
  const cell = data.learningCoverage[0];
  if (!cell || cell.staff === null) {
    into.replaceChildren(h('p', { class: 'empty' }, `No learning figures for ${state.year}.`));
    return;
  }
  const chart = chartBox('learning');
  into.replaceChildren(
    h('p', {}, `${count(cell.staff)} staff at the end of ${state.year}.`),
    chart,
    dataTable(
      'learning',
      `Share of staff who had completed a course of each programme by the end of ${state.year} (%)`,
      ['Programme', 'Completed (%)'],
      PROGRAMMES.map(([key, label]) => [label, decimal(cell[key])]),
      (i) => PROGRAMMES[i]?.[0] ?? '',
    ),
  );
  drawChart(
    chart,
    {
      grid: { left: 88, right: 24, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: PROGRAMMES.map(([, label]) => label).reverse() },
      series: [
        {
          type: 'bar',
          name: 'Completed',
          data: PROGRAMMES.map(([key]) => round1(cell[key])).reverse(),
          label: { show: true, position: 'right', formatter: '{c}%' },
          itemStyle: { color: PALETTE[2] },
        },
      ],
    },
    `Learning completion by programme, ${state.year}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Wiring

/**
 * The year the page opens on: the latest one with data for which the report publishes the
 * headline indicator (2021 for A/77/590/Add.1), so the headline numbers sit beside the published
 * ones; else the latest year with data.
 */
function openingYear(years: readonly number[], indicators: readonly Indicator[]): number | null {
  const headline = indicators.find((indicator) => indicator.code === Q.HEADLINE_INDICATOR);
  const published = (headline?.series ?? []).map((o) => Number(o.period));
  const candidates = years.filter((year) => published.includes(year));
  return candidates.at(-1) ?? years.at(-1) ?? null;
}

function readState(
  years: readonly number[],
  entities: ReadonlySet<string>,
  opening: number | null,
): State {
  const params = new URLSearchParams(window.location.search);
  const year = Number(params.get('year'));
  const entity = params.get('entity') ?? '';
  return {
    year: years.includes(year) ? year : (opening ?? new Date().getFullYear()),
    entity: entities.has(entity) ? entity : '',
  };
}

async function main(): Promise<void> {
  const root = document.getElementById('dashboard');
  if (!root) throw new Error('no #dashboard element');
  const [filters, { indicators }] = await Promise.all([
    graphql<FiltersAnswer>(Q.FILTERS),
    graphql<{ indicators: Indicator[] }>(Q.INDICATORS),
  ]);
  const has = (name: string) =>
    filters.datasets.some((d) => d.name === name && (d.rowCount ?? 0) > 0);
  const years = filters.workforce.map((w) => w.year).sort();
  const names = new Map(filters.entities.map((e) => [e.code, e.name]));
  const state = readState(years, new Set(names.keys()), openingYear(years, indicators));

  const yearSelect = h(
    'select',
    { id: 'year', name: 'year' },
    ...years.map((y) => h('option', { value: y, selected: y === state.year }, y)),
  );
  const entitySelect = h(
    'select',
    { id: 'entity', name: 'entity' },
    h('option', { value: '' }, 'All entities (Secretariat)'),
    ...filters.entities.map((e) =>
      h('option', { value: e.code, selected: e.code === state.entity }, `${e.code} – ${e.name}`),
    ),
  );
  const status = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });

  const top = panel(
    'headlines',
    'Headlines',
    'The selected year and entity, as the public sees them: counts are perturbed slightly and figures resting on few people are withheld (–).',
  );
  const ind = panel(
    'indicators',
    'Reform indicators (A/77/590/Add.1)',
    'Every indicator published in the report, by outcome area, with its latest figure, target and status. Shaded: the target band.',
  );
  ind.query(Q.INDICATORS, {});
  const women = panel(
    'women-share',
    "Women's share of Professional and higher (P+) and Field Service staff",
    'Published figures against the 47-53% parity band to 2028, with the projection of the trend, and the same share computed from the hub’s staffing data for the selected entity.',
  );
  const rep = panel(
    'representation',
    'Geographical representation',
    'Member states by status under the system of desirable ranges, and where each stands in its range in the selected year.',
  );
  const wf = panel(
    'workforce',
    'Workforce by entity and category',
    'Staff at 31 December of the selected year, by entity (the largest twelve, or the selected one) and category.',
  );
  const rec = panel(
    'recruitment',
    'Time to recruit',
    'Completed recruitments and the average days from posting to selection, by year of selection; the selected year is darker.',
  );
  const panels = [top, women, rec, rep, wf];
  const eng =
    has('engagement') && filters.engagementWaves.length > 0
      ? panel(
          'engagement',
          'Staff engagement survey',
          'Favourable answers by dimension in the latest wave on or before the selected year.',
        )
      : null;
  const learn = has('learning')
    ? panel(
        'learning',
        'Learning',
        'Share of staff who had completed a course of each programme by the end of the selected year.',
      )
    : null;
  if (eng) panels.push(eng);
  if (learn) panels.push(learn);
  panels.push(ind);

  root.replaceChildren(
    h(
      'header',
      { class: 'top' },
      h('h1', {}, 'Human resources reform dashboard'),
      h(
        'p',
        {},
        'UN Secretariat, from reformgraph. ',
        h('a', { href: '/graphql' }, 'Query explorer'),
        ' · ',
        h('a', { href: '/api' }, 'Saved queries'),
      ),
      h(
        'form',
        { class: 'filters', 'aria-label': 'Filters' },
        h('label', { for: 'year' }, 'Year '),
        yearSelect,
        h('label', { for: 'entity' }, 'Entity '),
        entitySelect,
      ),
      status,
    ),
    h('main', {}, ...panels.map((p) => p.root)),
  );
  indicatorsSection(ind.body, indicators);

  let generation = 0;
  async function refresh(): Promise<void> {
    const mine = ++generation;
    document.body.dataset.ready = 'false';
    status.textContent = 'Loading…';
    const guarded = (into: HTMLElement, work: Promise<void>) =>
      work.catch((error: unknown) => failed(into, error));
    top.query(Q.HEADLINES, { year: state.year, entities: entitiesFilter(state) });
    await Promise.all([
      guarded(top.body, headlines(top.body, state)),
      guarded(women.body, womenShare(women.body, state, women)),
      guarded(rep.body, representation(rep.body, state, years[0] ?? state.year, rep)),
      guarded(wf.body, workforceByEntity(wf.body, state, names, wf)),
      guarded(rec.body, timeToRecruit(rec.body, state, rec)),
      eng
        ? guarded(
            eng.body,
            engagement(
              eng.body,
              state,
              filters.engagementWaves.map((w) => w.year),
              eng,
            ),
          )
        : null,
      learn ? guarded(learn.body, learning(learn.body, state, learn)) : null,
    ]);
    if (mine !== generation) return;
    const scope = state.entity
      ? `${state.entity} – ${names.get(state.entity) ?? ''}`
      : 'all entities';
    status.textContent = `Showing ${state.year}, ${scope}.`;
    document.body.dataset.year = String(state.year);
    document.body.dataset.ready = 'true';
  }

  const changed = () => {
    state.year = Number(yearSelect.value);
    state.entity = entitySelect.value;
    const params = new URLSearchParams({ year: String(state.year) });
    if (state.entity) params.set('entity', state.entity);
    window.history.replaceState(null, '', `?${params.toString()}`);
    void refresh();
  };
  yearSelect.addEventListener('change', changed);
  entitySelect.addEventListener('change', changed);
  await refresh();
}

main().catch((error: unknown) => {
  const root = document.getElementById('dashboard');
  if (root) failed(root, error);
  document.body.dataset.ready = 'error';
});
