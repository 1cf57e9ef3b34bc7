import { Card, Col, Empty, Row } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { ComplianceFigure, CoverageSeries, InspectorLoad, ObligationKind } from '../../../core/compliance/types.ts';

// Only the charts and components used: the console's chunk stays small.
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.EChartsCoreOption;

/** An ECharts instance in a div: created on mount, updated with the option, resized with the page, disposed on unmount. */
function Chart({ option, id, height = 300 }: { option: Option; id: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const instance = echarts.init(ref.current!);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div id={id} ref={ref} style={{ width: '100%', height }} />;
}

/** What the charts read of a row (the GraphQL row has more). */
export interface ChartRow {
  readonly id: string;
  readonly kind: ObligationKind;
  readonly label: string;
  readonly target: Pick<ComplianceFigure, 'value' | 'of' | 'unit'> | null;
  readonly achieved: Pick<ComplianceFigure, 'value' | 'of' | 'unit'> | null;
  readonly subjectsTotal: number;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const SHARE_KINDS: readonly ObligationKind[] = ['ENTITIES_DRAWN_SHARE', 'DOUBLE_RANDOM_SHARE', 'FREQUENCY', 'CHECKLIST_COVERAGE'];

/** A figure as a percentage: a share as it is, a count of so many as its share. */
const asPercent = (f: ChartRow['achieved']): number | null => (!f ? null : f.unit === 'PERCENT' ? f.value : f.of ? Math.round((f.value / f.of) * 10000) / 100 : null);

/** 覆盖 coverage per group through the year: a line per group, a dashed line at its due count. */
export function coverageOption(coverage: readonly CoverageSeries[]): Option {
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: MONTHS },
    yAxis: { type: 'value', name: '家', minInterval: 1 },
    series: coverage.flatMap((c) => [
      { name: c.label, type: 'line', data: [...c.inspectedByMonth] },
      { name: `${c.label}（应检查）`, type: 'line', data: MONTHS.map(() => c.due), lineStyle: { type: 'dashed' }, symbol: 'none' },
    ]),
  };
}

/** 比例: achieved against target, in percent, for the obligations that are shares. */
export function sharesOption(rows: readonly ChartRow[]): Option {
  const shares = rows.filter((r) => SHARE_KINDS.includes(r.kind) && asPercent(r.achieved) !== null);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${v as number}%` },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 80 },
    xAxis: { type: 'category', data: shares.map((r) => r.label), axisLabel: { interval: 0, width: 110, overflow: 'break' } },
    yAxis: { type: 'value', name: '%' },
    series: [
      { name: '实际', type: 'bar', data: shares.map((r) => asPercent(r.achieved)) },
      { name: '目标', type: 'bar', data: shares.map((r) => (r.target?.unit === 'PERCENT' ? r.target.value : 100)) },
    ],
  };
}

/** 时限: per deadline, done on time, late, not yet due (a stacked bar). */
export function deadlinesOption(rows: readonly ChartRow[]): Option {
  const deadlines = rows.filter((r) => r.kind === 'DEADLINE');
  const onTime = deadlines.map((r) => r.achieved?.value ?? 0);
  const late = deadlines.map((r) => r.subjectsTotal);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 80 },
    xAxis: { type: 'category', data: deadlines.map((r) => r.label.split('：')[0]), axisLabel: { interval: 0, width: 90, overflow: 'break' } },
    yAxis: { type: 'value', name: '项', minInterval: 1 },
    series: [
      { name: '按时', type: 'bar', stack: 'all', data: onTime, itemStyle: { color: '#52c41a' } },
      { name: '逾期', type: 'bar', stack: 'all', data: late, itemStyle: { color: '#ff4d4f' } },
      { name: '未到期', type: 'bar', stack: 'all', data: deadlines.map((r, i) => Math.max(0, (r.achieved?.of ?? 0) - onTime[i]! - late[i]!)), itemStyle: { color: '#d9d9d9' } },
    ],
  };
}

/** 检查人员工作量: draws and inspections done per inspector. */
export function loadOption(load: readonly InspectorLoad[]): Option {
  const sorted = [...load].sort((a, b) => b.inspections - a.inspections || b.draws - a.draws);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: sorted.map((i) => i.name), axisLabel: { interval: 0, rotate: sorted.length > 12 ? 45 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '被抽中（次）', type: 'bar', data: sorted.map((i) => i.draws) },
      { name: '实际检查（户次）', type: 'bar', data: sorted.map((i) => i.inspections) },
    ],
  };
}

/** The four charts of the 合规 screen, each only when it has something to show. */
export function ComplianceCharts({ rows, coverage, inspectorLoad }: { rows: readonly ChartRow[]; coverage: readonly CoverageSeries[]; inspectorLoad: readonly InspectorLoad[] }) {
  const empty = (what: string) => <Empty description={`没有${what}`} />;
  const hasShares = rows.some((r) => SHARE_KINDS.includes(r.kind) && asPercent(r.achieved) !== null);
  const hasDeadlines = rows.some((r) => r.kind === 'DEADLINE');
  // Built once per answer, so a re-render does not redraw the charts.
  const options = useMemo(() => ({ coverage: coverageOption(coverage), shares: sharesOption(rows), deadlines: deadlinesOption(rows), load: loadOption(inspectorLoad) }), [rows, coverage, inspectorLoad]);
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col xs={24} xl={12}>
        <Card title="各类对象检查覆盖（按月累计）">{coverage.length ? <Chart id="chart-coverage" option={options.coverage} /> : empty('需按频次覆盖的对象')}</Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title="比例：实际与目标">{hasShares ? <Chart id="chart-shares" option={options.shares} /> : empty('比例类义务')}</Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title="时限：按时与逾期">{hasDeadlines ? <Chart id="chart-deadlines" option={options.deadlines} /> : empty('时限')}</Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title="检查人员工作量">{inspectorLoad.length ? <Chart id="chart-load" option={options.load} /> : empty('检查人员工作量')}</Card>
      </Col>
    </Row>
  );
}
