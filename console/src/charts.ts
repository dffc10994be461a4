import { h } from './dom.js';
import type { ChartOption } from './charts-echarts.js';

/** The console's palette (colour-blind safe, enough contrast on white). */
export const PALETTE = ['#1f5fa8', '#d9822b', '#2e8b57', '#b83b5e', '#6a4c93', '#8c6d1f', '#3a7d8c', '#555555'];

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';

/**
 * A chart box: a labelled figure (`role="img"`, the label says what it shows) that loads
 * ECharts on first use and draws `option` into it with the SVG renderer. Tooltips are rich
 * text inside the SVG; charts resize with the window and are disposed with their element.
 */
export const chart = (label: string, option: () => ChartOption, size: 'wide' | 'normal' = 'normal'): HTMLElement => {
  const box = h('div', { class: `chart chart-${size}`, role: 'img', 'aria-label': label });
  const figure = h('figure', { class: 'chart-figure' }, h('figcaption', {}, label), box);
  void import('./charts-echarts.js').then(({ echarts }) => {
    const instance = echarts.init(box, undefined, { renderer: 'svg' });
    instance.setOption({
      color: PALETTE,
      animation: false,
      aria: { enabled: false },
      textStyle: { fontFamily: FONT },
      tooltip: { renderMode: 'richText', confine: true },
      ...option(),
    });
    const resize = new ResizeObserver(() => {
      if (!box.isConnected) {
        resize.disconnect();
        instance.dispose();
      } else instance.resize();
    });
    resize.observe(box);
    box.dataset['ready'] = 'true';
  });
  return figure;
};
