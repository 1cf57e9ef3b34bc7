import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useClient, useQuery } from 'urql';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { isRefusal, Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import type { ConsoleSimulateYearQuery } from '../../gql/graphql.ts';
import { SimulateYearQuery, SimulationPacksQuery } from './operations.ts';
import { dropEdit, readEdit, type PendingEdit } from './pending-edit.ts';

type Report = Extract<NonNullable<ConsoleSimulateYearQuery['simulateYear']>, { __typename: 'SimulationReport' }>;
interface Figure { readonly a: number; readonly b?: number | null; readonly differs: boolean }
interface PlannedRow { key: number; month: number; size: number; joint: boolean; covert: boolean }

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const DEFAULT_PLAN: PlannedRow[] = [1, 3, 4, 5, 6, 7, 9, 10, 11, 12].map((month, key) => ({ key, month, size: 50, joint: month === 4, covert: false }));

/** a, or a → b; a difference the packs make (beyond three standard errors) is marked 差异. */
function FigureCell({ f, format }: { f: Figure; format: (x: number) => string }) {
  if (f.b === null || f.b === undefined) return <>{format(f.a)}</>;
  return (
    <span className={f.differs ? 'simulation-differs' : undefined}>
      {format(f.a)} → {format(f.b)} {f.differs && <Tag color={f.b < f.a ? 'red' : 'green'}>差异</Tag>}
    </span>
  );
}

/** 规则模拟: a pack (and a second version) drawn over many simulated years of a plan, for pack authors (docs/simulation.md). */
export default function SimulationPage() {
  const jurisdiction = sessionJurisdiction();
  const client = useClient();
  const [{ data: packData }] = useQuery({ query: SimulationPacksQuery });
  const packs = packData?.rulePacks ?? [];
  // The pack editor's unsaved edit, when it sent one here (/simulation?edit=1): compared with its base.
  const [edit, setEdit] = useState<PendingEdit | undefined>(() => (new URLSearchParams(location.search).has('edit') ? readEdit() : undefined));
  const [pack, setPack] = useState<string | undefined>(edit?.base);
  const [compare, setCompare] = useState<string>();
  const [years, setYears] = useState(100);
  const [seed, setSeed] = useState('2026');
  const [ownDirectory, setOwnDirectory] = useState(jurisdiction !== '');
  const [enterprises, setEnterprises] = useState(2000);
  const [plan, setPlan] = useState<PlannedRow[]>(DEFAULT_PLAN);
  const [report, setReport] = useState<Report>();
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [running, setRunning] = useState(false);
  const chosen = pack ?? packs.find((p) => p.id === 'wolong')?.key ?? packs[0]?.key;

  async function run() {
    if (!chosen) return;
    setRunning(true);
    setRefusal(undefined);
    setReport(undefined);
    const input = {
      pack: chosen,
      ...(edit ? { compareEdit: { jurisdiction: edit.jurisdiction, base: edit.base, meta: edit.meta, rules: edit.rules } } : compare ? { compare } : {}),
      ...(ownDirectory && jurisdiction ? { jurisdiction } : { enterprises }),
      tasks: plan.map((t, i) => ({ title: `任务${i + 1}（${t.month}月）`, month: t.month, size: t.size, joint: t.joint, covert: t.covert })),
      years,
      seed,
    };
    const result = await client.query(SimulateYearQuery, { input }, { requestPolicy: 'network-only' }).toPromise();
    setRunning(false);
    const answer = result.data?.simulateYear;
    if (isRefusal(answer)) setRefusal(answer);
    else if (answer?.__typename === 'SimulationReport') setReport(answer);
    else if (result.error) setRefusal({ message: result.error.graphQLErrors[0]?.message ?? '无法连接服务器' });
  }

  const setRow = (key: number, change: Partial<PlannedRow>) => setPlan((rows) => rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const two = (report?.packs.length ?? 0) > 1;
  return (
    <>
      <Typography.Title level={4}>规则模拟</Typography.Title>
      <Typography.Paragraph type="secondary">按抽查计划模拟多年的抽取（与正式抽取同一引擎），比较两个规则包：义务达成概率、各分层被检查的概率、检查人员负担、抽查上限和无法抽取的任务。</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" name="simulation">
          <Space wrap size="large">
            <Form.Item label="规则包" htmlFor="simulation-pack">
              <Select id="simulation-pack" style={{ minWidth: 320 }} value={chosen} onChange={setPack} disabled={!!edit} options={packs.map((p) => ({ value: p.key, label: `${p.name}（${p.key}）` }))} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
            {edit ? (
              <Form.Item label="对比规则包">
                <Space id="simulation-edit">
                  <Tag color="blue">编辑中的规则包（未保存）：{edit.meta.name}</Tag>
                  <Button size="small" id="simulation-edit-drop" onClick={() => { dropEdit(); setEdit(undefined); setReport(undefined); }}>不再对比</Button>
                </Space>
              </Form.Item>
            ) : (
              <Form.Item label="对比规则包（可选）" htmlFor="simulation-compare">
                <Select id="simulation-compare" style={{ minWidth: 320 }} allowClear value={compare} onChange={setCompare} options={packs.filter((p) => p.key !== chosen).map((p) => ({ value: p.key, label: `${p.name}（${p.key}）` }))} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            )}
            <Form.Item label="模拟年数（1–1000）" htmlFor="simulation-years">
              <InputNumber id="simulation-years" min={1} max={1000} value={years} onChange={(v) => setYears(v ?? 1)} />
            </Form.Item>
            <Form.Item label="随机种子" htmlFor="simulation-seed">
              <Input id="simulation-seed" value={seed} onChange={(e) => setSeed(e.target.value)} />
            </Form.Item>
          </Space>
          <Space wrap size="large">
            {jurisdiction && <Checkbox id="simulation-own" checked={ownDirectory} onChange={(e) => setOwnDirectory(e.target.checked)}>用本辖区现有名录</Checkbox>}
            {!(ownDirectory && jurisdiction) && (
              <Form.Item label="生成的企业数" htmlFor="simulation-enterprises">
                <InputNumber id="simulation-enterprises" min={1} max={20000} value={enterprises} onChange={(v) => setEnterprises(v ?? 1)} />
              </Form.Item>
            )}
          </Space>
          <Table<PlannedRow>
            id="simulation-plan"
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={plan}
            columns={[
              { title: '月份', render: (_, r) => <InputNumber aria-label="月份" min={1} max={12} value={r.month} onChange={(v) => setRow(r.key, { month: v ?? 1 })} /> },
              { title: '抽取企业数', render: (_, r) => <InputNumber aria-label="抽取企业数" min={1} value={r.size} onChange={(v) => setRow(r.key, { size: v ?? 1 })} /> },
              { title: '联合抽查', render: (_, r) => <Checkbox checked={r.joint} onChange={(e) => setRow(r.key, { joint: e.target.checked })} /> },
              { title: '暗查暗访', render: (_, r) => <Checkbox checked={r.covert} onChange={(e) => setRow(r.key, { covert: e.target.checked })} /> },
              { title: '', render: (_, r) => <Button size="small" onClick={() => setPlan((rows) => rows.filter((x) => x.key !== r.key))}>删除</Button> },
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => setPlan((rows) => [...rows, { key: Math.max(-1, ...rows.map((r) => r.key)) + 1, month: 6, size: 50, joint: false, covert: false }])}>添加任务</Button>
            <Button type="primary" id="simulation-run" loading={running} onClick={() => void run()}>开始模拟</Button>
          </Space>
        </Form>
      </Card>
      <Refusal refusal={refusal} id="simulation-error" />
      {report && (
        <div id="simulation-report">
          <Descriptions size="small" bordered style={{ marginBottom: 16 }} column={3}>
            <Descriptions.Item label="模拟年数">{report.years}</Descriptions.Item>
            <Descriptions.Item label="企业（监管对象）">{report.enterprises}（{report.supervised}）</Descriptions.Item>
            <Descriptions.Item label="检查人员">{report.inspectors}</Descriptions.Item>
          </Descriptions>
          {two && (
            <Alert
              id="simulation-differences"
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${report.packs[0]!.name} → ${report.packs[1]!.name}：主要差异`}
              description={report.differences.length > 0 ? <ul style={{ margin: 0, paddingLeft: 20 }}>{report.differences.map((d) => <li key={d}>{d}</li>)}</ul> : '两个规则包在这些年份中没有明显差异'}
            />
          )}
          <Card title="义务达成概率（年末）" size="small" style={{ marginBottom: 16 }}>
            <Table id="simulation-obligations" size="small" pagination={false} rowKey="id" dataSource={report.obligations} columns={[
              { title: '义务', dataIndex: 'label' },
              { title: '依据', render: (_, o) => o.clause ?? '' },
              { title: two ? '达成概率（前 → 后）' : '达成概率', render: (_, o) => <FigureCell f={o.chance} format={pct} /> },
            ]} />
          </Card>
          <Card title="各规则包" size="small" style={{ marginBottom: 16 }}>
            <Table id="simulation-packs" size="small" pagination={false} rowKey="key" dataSource={report.packs} columns={[
              { title: '规则包', render: (_, p) => `${p.name}（${p.key}）` },
              { title: '抽查上限', render: (_, p) => (p.cap.perYear === null ? '未设' : `每年 ${p.cap.perYear} 次`) },
              { title: '因上限排出候选池（年均）', render: (_, p) => `${num(p.cap.hitsPerYear)} 次 · ${num(p.cap.enterprisesPerYear)} 家` },
              { title: '每年检查不同企业', render: (_, p) => `${num(p.distinctPerYear)} 家（${pct(p.distinctShare)}）` },
              { title: '检查人员每年检查', render: (_, p) => `平均 ${num(p.load.meanInspections)}，最多 ${p.load.maxInspections}` },
              { title: '无法抽取的任务', render: (_, p) => (p.infeasible.length === 0 ? '无' : p.infeasible.map((x) => `${x.title}：${x.code} ${x.years} 年`).join('；')) },
            ]} />
          </Card>
          <Card title="分层：每家企业一年内被检查的概率" size="small" style={{ marginBottom: 16 }}>
            <Table id="simulation-strata" size="small" pagination={false} rowKey="stratum" dataSource={report.strata} columns={[
              { title: '分层', dataIndex: 'label' },
              { title: '企业数', dataIndex: 'size' },
              { title: '被检查概率', render: (_, s) => <FigureCell f={s.chance} format={pct} /> },
              { title: '年均检查次数', render: (_, s) => <FigureCell f={s.inspections} format={num} /> },
            ]} />
          </Card>
          <Card title="被检查概率最高和最低的企业" size="small">
            <Table id="simulation-enterprises" size="small" pagination={false} rowKey={(e) => e.uscc} dataSource={[...report.highest, ...report.lowest]} columns={[
              { title: '统一社会信用代码', dataIndex: 'uscc' },
              { title: '企业名称', dataIndex: 'name' },
              { title: '分层', dataIndex: 'stratum' },
              { title: '被检查概率', render: (_, e) => <FigureCell f={e.chance} format={pct} /> },
            ]} />
          </Card>
        </div>
      )}
    </>
  );
}
