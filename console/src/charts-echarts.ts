/**
 * The ECharts build the console uses, loaded on first chart (dynamic import, its own chunk):
 * `echarts/core` with the SVG renderer and only the charts and components drawn here. The SVG
 * renderer writes styles through the CSSOM (`el.style.cssText`), never as markup, and tooltips
 * are drawn inside the SVG (`renderMode: 'richText'`), so the page's CSP needs no 'unsafe-inline'.
 */
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, MarkLineComponent, MarkAreaComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, MarkLineComponent, MarkAreaComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export { echarts };
