import { Card, Table, Tag, Tooltip } from 'antd';
import { useQuery } from 'urql';
import type { ObligationStatus } from '../../gql/graphql.ts';
import { BASE, navigate } from '../../router.ts';
import { SubordinateComplianceQuery } from './operations.ts';

const COLOURS: Record<ObligationStatus, string> = { MET: 'green', ON_TRACK: 'blue', AT_RISK: 'orange', MISSED: 'red', NOT_MEASURABLE: 'default' };

/** 下级合规情况: for a city or province, each county (district) × obligation status; no entities. */
export function SubordinateCompliance({ jurisdiction, year }: { jurisdiction: string; year: number }) {
  const [{ data, fetching }] = useQuery({ query: SubordinateComplianceQuery, variables: { jurisdiction, year } });
  const j = data?.jurisdiction;
  if (!j || j.level === 'COUNTY' || j.subordinateCompliance.length === 0) return null;
  // One column per obligation label, in the order the subordinates' packs list them.
  const labels: string[] = [];
  for (const s of j.subordinateCompliance) for (const r of s.rows) if (!labels.includes(r.label)) labels.push(r.label);
  return (
    <Card title={`下级辖区 ${year} 年度合规情况`} style={{ marginBottom: 16 }} id="subordinate-compliance" loading={fetching && !data}>
      <Table
        rowKey={(s) => s.jurisdiction.code}
        dataSource={j.subordinateCompliance}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: '辖区', key: 'name', fixed: 'left',
            // Opens the county's own 合规 screen: its obligations, subjects and charts.
            render: (_, s) => <a className="subordinate-name" href={`${BASE}/compliance?j=${s.jurisdiction.code}`} onClick={(e) => { e.preventDefault(); navigate(`/compliance?j=${s.jurisdiction.code}`); }}>{s.jurisdiction.name}</a>,
          },
          { title: '规则包', key: 'pack', render: (_, s) => s.pack?.name ?? '未选择规则包' },
          { title: '预警', dataIndex: 'warnings' },
          ...labels.map((label) => ({
            title: label,
            key: label,
            render: (_: unknown, s: (typeof j.subordinateCompliance)[number]) => {
              const r = s.rows.find((x) => x.label === label);
              if (!r) return '—';
              return <Tooltip title={`${r.achieved?.text ?? ''}${r.cite ? `（${r.cite.clause}）` : ''}`}><Tag color={COLOURS[r.status]}>{r.statusLabel}</Tag></Tooltip>;
            },
          })),
        ]}
      />
    </Card>
  );
}
