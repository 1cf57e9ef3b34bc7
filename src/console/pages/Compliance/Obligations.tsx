import { Table, Tag, Typography } from 'antd';
import { STATUS_LABELS } from '../../../core/compliance/report-sections.ts';
import type { ObligationStatus } from '../../../core/compliance/types.ts';

const STATUS_COLOURS: Record<ObligationStatus, string> = { MET: 'green', ON_TRACK: 'blue', AT_RISK: 'orange', MISSED: 'red', NOT_MEASURABLE: 'default' };

/** A row as the table shows it: the clause and the figures already in Chinese. */
export interface ObligationLine {
  readonly id: string;
  readonly label: string;
  readonly clause: string;
  readonly period: string;
  readonly target: string;
  readonly achieved: string;
  readonly status: ObligationStatus;
  readonly explanation: string;
  readonly subjects: readonly { readonly key: string; readonly name: string; readonly code: string; readonly note: string }[];
  readonly subjectsTotal: number;
}

export function StatusTag({ status }: { status: ObligationStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{STATUS_LABELS[status]}</Tag>;
}

/** 义务: one line per obligation of the pack, the entities or tasks behind it in the expanded row. */
export function ObligationsTable({ lines, loading }: { lines: readonly ObligationLine[]; loading: boolean }) {
  return (
    <Table
      id="obligations"
      size="middle"
      loading={loading}
      rowKey="id"
      dataSource={[...lines]}
      pagination={false}
      expandable={{
        rowExpandable: (r) => r.subjects.length > 0,
        expandedRowRender: (r) => (
          <div className="obligation-subjects">
            <Table
              size="small"
              rowKey="key"
              dataSource={[...r.subjects]}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '对象', dataIndex: 'name' },
                { title: '代码', dataIndex: 'code' },
                { title: '说明', dataIndex: 'note' },
              ]}
            />
            {r.subjectsTotal > r.subjects.length && <Typography.Text type="secondary">另有 {r.subjectsTotal - r.subjects.length} 个未列出（完整名单见下载的报告）</Typography.Text>}
          </div>
        ),
      }}
      columns={[
        { title: '状态', dataIndex: 'status', width: 100, render: (s: ObligationStatus) => <StatusTag status={s} /> },
        { title: '义务', dataIndex: 'label' },
        { title: '依据', dataIndex: 'clause', width: 220 },
        { title: '期间', dataIndex: 'period', width: 120 },
        { title: '目标', dataIndex: 'target' },
        { title: '实际', dataIndex: 'achieved' },
        { title: '说明', dataIndex: 'explanation' },
      ]}
    />
  );
}
