/**
 * ECharts, bundled with only the parts the dashboard uses (SVG renderer: sharp at any zoom, and
 * its text is real text). Every chart is an image with a label for screen readers, and follows
 * its container's size, so the page reflows from a phone to a wide screen.
 */
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** Colours that keep 3:1 contrast on white and stay apart for the common colour blindnesses. */
export const PALETTE = [
  '#0b5cad',
  '#d4590b',
  '#2a8a4a',
  '#8a3ea8',
  '#a8841e',
  '#c0392b',
  '#4d4d4d',
];

/** The page's font (ECharts measures text with it, so legends do not overlap). */
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const charts = new Map<HTMLElement, ECharts>();
const resizer = new ResizeObserver((entries) => {
  for (const entry of entries) charts.get(entry.target as HTMLElement)?.resize();
});

/** Draws (or redraws) a chart in `element`; `label` is what a screen reader announces first. */
export function drawChart(element: HTMLElement, option: ChartOption, label: string): ECharts {
  let chart = charts.get(element);
  if (!chart) {
    chart = init(element, undefined, { renderer: 'svg' });
    charts.set(element, chart);
    resizer.observe(element);
  }
  element.setAttribute('role', 'img');
  chart.setOption(
    {
      color: PALETTE,
      // The label below and the data table under each chart describe it; ECharts' generated
      // description reads category indexes aloud, so it stays off.
      aria: { enabled: false },
      animation: false,
      textStyle: { fontFamily: FONT },
      ...option,
    },
    { notMerge: true },
  );
  element.setAttribute('aria-label', label);
  return chart;
}
