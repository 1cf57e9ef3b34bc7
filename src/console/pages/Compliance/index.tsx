import { Alert, Card, Col, DatePicker, Form, Row, Select, Space, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { percentText } from '../../../core/compliance/report-sections.ts';
import { beijingYear } from '../../components/beijing-time.ts';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import type { ConsoleComplianceJurisdictionsQuery, ConsoleComplianceQuery } from '../../gql/graphql.ts';
import { ComplianceCharts, type ChartRow } from './Charts.tsx';
import { DownloadReport } from './DownloadReport.tsx';
import { ObligationsTable, type ObligationLine } from './Obligations.tsx';
import { ComplianceJurisdictionsQuery, ComplianceQuery } from './operations.ts';
import { navigate } from '../../router.ts';

type Compliance = NonNullable<NonNullable<ConsoleComplianceQuery['jurisdiction']>['compliance']>;
type Row = Compliance['rows'][number];

const DAY = 'YYYY-MM-DD';

/** The row as the table shows it: the clause with its document, the figures' Chinese text, the subjects named. */
function lineOf(r: Row): ObligationLine {
  return {
    id: r.id,
    label: r.label,
    // The clause of the pack's document (the pack is named above the table).
    clause: r.cite ? `${r.cite.clause}${r.cite.isDefault ? '（文件未明确，规则包默认）' : ''}` : '平台默认',
    period: r.period.label,
    target: r.target?.text ?? '—',
    achieved: r.achieved?.text ?? '—',
    status: r.status,
    explanation: r.explanation,
    subjects: r.subjects.map((s, i) => ({ key: `${i}`, name: s.name ?? s.title ?? '', code: s.uscc ?? '', note: s.note })),
    subjectsTotal: r.subjectsTotal,
  };
}

type Tree = NonNullable<ConsoleComplianceJurisdictionsQuery['jurisdiction']>;

/** The user's own jurisdiction first, then those below it, indented by level. */
function jurisdictionChoices(tree: Tree | null | undefined): { value: string; label: string }[] {
  if (!tree) return [];
  return [
    { value: tree.code, label: tree.name },
    ...tree.children.flatMap((c) => [{ value: c.code, label: `\u3000${c.name}` }, ...c.children.map((g) => ({ value: g.code, label: `\u3000\u3000${g.name}` }))]),
  ];
}

/** The jurisdiction in the address (/console/compliance?j=<code>, from the roll-up on the home screen), else the user's own. */
const askedJurisdiction = () => new URLSearchParams(location.search).get('j');

/**
 * 合规: whether the year meets the pack's obligations, with charts and the self-inspection report
 * (自查报告) to download; a city or province also chooses one of the jurisdictions below it.
 */
export default function CompliancePage() {
  const own = sessionJurisdiction();
  const [code, setCode] = useState(() => askedJurisdiction() ?? own);
  const [{ data: tree }] = useQuery({ query: ComplianceJurisdictionsQuery, variables: { jurisdiction: own }, pause: !own });
  const choices = jurisdictionChoices(tree?.jurisdiction);
  const thisYear = beijingYear();
  const [year, setYear] = useState(thisYear);
  const [asOf, setAsOf] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: ComplianceQuery, variables: { jurisdiction: code, year, asOf }, pause: !code });
  const compliance = data?.jurisdiction?.compliance ?? null;
  const lines = useMemo(() => (compliance?.rows ?? []).map(lineOf), [compliance]);
  const chartRows: readonly ChartRow[] = useMemo(() => (compliance?.rows ?? []).map((r) => ({ ...r, target: r.target ?? null, achieved: r.achieved ?? null })), [compliance]);

  if (!code) return <Alert type="info" showIcon title="平台管理员不属于任何辖区：合规情况按辖区查看" />;
  const t = compliance?.totals;
  return (
    <>
      <Typography.Title level={4}>{data?.jurisdiction?.name} {year}年合规情况</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap size="large" style={{ justifyContent: 'space-between', width: '100%' }}>
          <Form layout="inline" name="compliance">
            {choices.length > 1 && (
              <Form.Item label="辖区">
                <Select
                  id="compliance-jurisdiction"
                  style={{ minWidth: 160 }}
                  value={code}
                  options={choices}
                  onChange={(next: string) => { setCode(next); navigate(next === own ? '/compliance' : `/compliance?j=${next}`, { replace: true }); }}
                />
              </Form.Item>
            )}
            <Form.Item label="年度">
              <DatePicker id="compliance-year" picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d: Dayjs | null) => { if (d) { setYear(d.year()); setAsOf(null); } }} />
            </Form.Item>
            <Form.Item label="统计截至">
              <DatePicker
                id="compliance-as-of"
                format={DAY}
                placeholder={year < thisYear ? `${year}-12-31` : '今天'}
                value={asOf ? dayjs(asOf, DAY) : null}
                disabledDate={(d: Dayjs) => d.year() !== year}
                onChange={(d: Dayjs | null) => setAsOf(d ? d.format(DAY) : null)}
              />
            </Form.Item>
          </Form>
          <DownloadReport code={code} year={year} asOf={asOf} />
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error.graphQLErrors[0]?.message ?? '无法连接服务器 (the server could not be reached)'} style={{ marginBottom: 16 }} />}
      {data && !compliance && !error && <Alert type="warning" showIcon title="您的账号不能查看此辖区的合规情况" />}
      {compliance && (
        <>
          <Typography.Paragraph type="secondary" id="compliance-pack">
            统计截至 {compliance.asOf}；{compliance.pack ? `规则包：${compliance.pack.name}（${compliance.pack.version}）` : '未设定规则包'}
          </Typography.Paragraph>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }} id="compliance-totals">
            <Col xs={12} md={4}><Card><Statistic title="监管对象（家）" value={t?.supervised ?? 0} /></Card></Col>
            <Col xs={12} md={4}><Card><Statistic title="已抽取（家）" value={t?.distinctDrawn ?? 0} /></Card></Col>
            <Col xs={12} md={4}><Card><Statistic title="抽取占比" value={t ? percentText(t.distinctDrawn, t.supervised) : '—'} /></Card></Col>
            <Col xs={12} md={4}><Card><Statistic title="抽取（户次）" value={t?.draws ?? 0} /></Card></Col>
            <Col xs={12} md={4}><Card><Statistic title="已检查（户次）" value={t?.inspectionsDone ?? 0} /></Card></Col>
            <Col xs={12} md={4}><Card><Statistic title="抽查任务" value={t?.tasks ?? 0} /></Card></Col>
          </Row>
          <Card title="义务完成情况">
            <ObligationsTable lines={lines} loading={fetching} />
          </Card>
          <ComplianceCharts rows={chartRows} coverage={compliance.coverage} inspectorLoad={compliance.inspectorLoad} />
        </>
      )}
    </>
  );
}
