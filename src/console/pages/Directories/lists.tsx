import { useState } from 'react';
import { Button, Form, Input, Select, Tag } from 'antd';
import { useQuery } from 'urql';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import type { CreditLevel, EnterpriseFilter, EnterpriseOrderField, OperatingStatus, RiskLevel, UnitKind } from '../../gql/graphql.ts';
import { useSectors } from '../../components/sectors.ts';
import { CREDIT_LEVEL_LABELS, OPERATING_STATUS_LABELS, RISK_LEVEL_LABELS, UNIT_KIND_LABELS } from '../../locale/labels.ts';
import { ListFrame, PAGE_SIZE } from './ListFrame.tsx';
import { ChecklistQuery, EnterprisesQuery, ExpertsQuery, InspectorsQuery } from './operations.ts';
import { useCursorPages } from './paging.tsx';

const RISK_COLOURS: Record<RiskLevel, string> = { MAJOR: 'red', HIGH: 'orange', GENERAL: 'gold', LOW: 'blue' };
const ACTIVE_OPTIONS = [{ value: 'true', label: '在册' }, { value: 'false', label: '已停用' }];
const options = <V extends string>(labels: Record<V, string>) => Object.entries<string>(labels).map(([value, label]) => ({ value, label }));
const sectorsOf = (label: (code: string) => string) => (codes: readonly string[]) => codes.map(label).join('、');
const yes = (flag: boolean) => (flag ? '是' : '');

/** The list's filters as a form of its own (ids `<name>_<field>`); 查询 (or Enter) applies them and goes back to page 1. */
function Filters({ name, onApply, children }: { name: string; onApply: (values: Record<string, unknown>) => void; children: React.ReactNode }) {
  return (
    <Form name={name} layout="inline" onFinish={onApply} style={{ rowGap: 8 }}>
      {children}
      <Form.Item><Button id={`${name}-apply`} htmlType="submit">查询</Button></Form.Item>
    </Form>
  );
}

const refresher = (reexecute: (opts: { requestPolicy: 'network-only' }) => void) => () => reexecute({ requestPolicy: 'network-only' });

interface EnterpriseFilterValues { search?: string; sector?: string; aboveDesignatedSize?: string; riskLevel?: RiskLevel[]; creditLevel?: CreditLevel[]; operatingStatus?: OperatingStatus; township?: string; active?: string; orderBy?: EnterpriseOrderField }

export function EnterpriseList({ canEdit }: { canEdit: boolean }) {
  const pages = useCursorPages();
  const vocabulary = useSectors();
  const [values, setValues] = useState<EnterpriseFilterValues>({});
  const filter: EnterpriseFilter = {
    ...(values.search ? { search: values.search } : {}),
    ...(values.sector ? { sector: [values.sector] } : {}),
    ...(values.aboveDesignatedSize ? { aboveDesignatedSize: values.aboveDesignatedSize === 'true' } : {}),
    ...(values.riskLevel?.length ? { riskLevel: values.riskLevel } : {}),
    ...(values.creditLevel?.length ? { creditLevel: values.creditLevel } : {}),
    ...(values.operatingStatus ? { operatingStatus: [values.operatingStatus] } : {}),
    ...(values.township ? { township: values.township } : {}),
    ...(values.active ? { active: values.active === 'true' } : {}),
  };
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: EnterprisesQuery,
    variables: { jurisdiction: sessionJurisdiction(), first: PAGE_SIZE, after: pages.after, filter, orderBy: { field: values.orderBy ?? 'NAME' } },
    requestPolicy: 'cache-and-network',
  });
  return (
    <ListFrame
      tab="enterprises"
      canEdit={canEdit}
      pages={pages}
      connection={data?.jurisdiction?.enterprises}
      fetching={fetching}
      error={error}
      refresh={refresher(reexecute)}
      filters={
        <Filters name="enterpriseFilter" onApply={(v) => { setValues(v as EnterpriseFilterValues); pages.reset(); }}>
          <Form.Item name="search" label="名称或信用代码"><Input allowClear style={{ width: 180 }} /></Form.Item>
          <Form.Item name="sector" label="行业类别"><Select allowClear options={vocabulary.options} style={{ width: 150 }} /></Form.Item>
          <Form.Item name="aboveDesignatedSize" label="规上"><Select allowClear options={[{ value: 'true', label: '规上' }, { value: 'false', label: '规下' }]} style={{ width: 90 }} /></Form.Item>
          <Form.Item name="riskLevel" label="风险等级"><Select mode="multiple" allowClear options={options<RiskLevel>(RISK_LEVEL_LABELS)} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="creditLevel" label="信用等级"><Select mode="multiple" allowClear options={options<CreditLevel>(CREDIT_LEVEL_LABELS)} style={{ width: 150 }} /></Form.Item>
          <Form.Item name="operatingStatus" label="经营状态"><Select allowClear options={options<OperatingStatus>(OPERATING_STATUS_LABELS)} style={{ width: 100 }} /></Form.Item>
          <Form.Item name="township" label="所属乡镇"><Input allowClear style={{ width: 110 }} /></Form.Item>
          <Form.Item name="active" label="状态"><Select allowClear options={ACTIVE_OPTIONS} placeholder="在册" style={{ width: 90 }} /></Form.Item>
          <Form.Item name="orderBy" label="排序"><Select options={[{ value: 'NAME', label: '名称' }, { value: 'USCC', label: '信用代码' }, { value: 'RISK_LEVEL', label: '风险等级' }, { value: 'UPDATED_AT', label: '更新时间' }]} placeholder="名称" style={{ width: 100 }} /></Form.Item>
        </Filters>
      }
      columns={[
        { title: '统一社会信用代码', dataIndex: 'uscc' },
        { title: '企业名称', dataIndex: 'name' },
        { title: '行业类别', dataIndex: 'sector', render: (s: string) => vocabulary.label(s) },
        { title: '风险等级', dataIndex: 'riskLevel', render: (r: RiskLevel) => <Tag color={RISK_COLOURS[r]}>{RISK_LEVEL_LABELS[r]}</Tag> },
        { title: '信用等级', dataIndex: 'creditLevel', render: (c: CreditLevel) => CREDIT_LEVEL_LABELS[c] },
        { title: '所属乡镇', dataIndex: 'township' },
        { title: '经营状态', dataIndex: 'operatingStatus', render: (s: OperatingStatus) => OPERATING_STATUS_LABELS[s] },
        { title: '黑名单', dataIndex: 'blacklisted', render: (b: boolean) => (b ? <Tag color="black">黑名单</Tag> : '') },
        { title: '重点单位', dataIndex: 'keyHighDanger', render: yes },
        { title: '重大危险源', dataIndex: 'majorHazardSource', render: yes },
        { title: '规上', dataIndex: 'aboveDesignatedSize', render: yes },
      ]}
    />
  );
}

interface InspectorFilterValues { search?: string; domain?: string; unitKind?: UnitKind; active?: string }

export function InspectorList({ canEdit }: { canEdit: boolean }) {
  const pages = useCursorPages();
  const vocabulary = useSectors();
  const [values, setValues] = useState<InspectorFilterValues>({});
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: InspectorsQuery,
    variables: { jurisdiction: sessionJurisdiction(), first: PAGE_SIZE, after: pages.after, search: values.search || null, domain: values.domain ?? null, unitKind: values.unitKind ?? null, active: values.active ? values.active === 'true' : true },
    requestPolicy: 'cache-and-network',
  });
  return (
    <ListFrame
      tab="inspectors"
      canEdit={canEdit}
      pages={pages}
      connection={data?.jurisdiction?.inspectors}
      fetching={fetching}
      error={error}
      refresh={refresher(reexecute)}
      filters={
        <Filters name="inspectorFilter" onApply={(v) => { setValues(v as InspectorFilterValues); pages.reset(); }}>
          <Form.Item name="search" label="姓名或执法证号"><Input allowClear style={{ width: 180 }} /></Form.Item>
          <Form.Item name="domain" label="执法领域"><Select allowClear options={vocabulary.options} style={{ width: 150 }} /></Form.Item>
          <Form.Item name="unitKind" label="单位类型"><Select allowClear options={options<UnitKind>(UNIT_KIND_LABELS)} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="active" label="状态"><Select allowClear options={ACTIVE_OPTIONS} placeholder="在册" style={{ width: 90 }} /></Form.Item>
        </Filters>
      }
      columns={[
        { title: '执法证号', dataIndex: 'certificateNumber' },
        { title: '姓名', dataIndex: 'name' },
        { title: '所属单位', dataIndex: 'unit' },
        { title: '单位类型', dataIndex: 'unitKind', render: (k: UnitKind) => UNIT_KIND_LABELS[k] },
        { title: '执法领域', dataIndex: 'domains', render: sectorsOf(vocabulary.label) },
        { title: '执法证有效期至', dataIndex: 'certificateValidUntil' },
        { title: '联系方式', dataIndex: 'phone' },
        { title: '正式在编', dataIndex: 'formalStaff', render: yes },
      ]}
    />
  );
}

interface ExpertFilterValues { specialty?: string; active?: string }

export function ExpertList({ canEdit }: { canEdit: boolean }) {
  const pages = useCursorPages();
  const [values, setValues] = useState<ExpertFilterValues>({});
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ExpertsQuery,
    variables: { jurisdiction: sessionJurisdiction(), first: PAGE_SIZE, after: pages.after, specialty: values.specialty || null, active: values.active ? values.active === 'true' : true },
    requestPolicy: 'cache-and-network',
  });
  return (
    <ListFrame
      tab="experts"
      canEdit={canEdit}
      pages={pages}
      connection={data?.jurisdiction?.experts}
      fetching={fetching}
      error={error}
      refresh={refresher(reexecute)}
      filters={
        <Filters name="expertFilter" onApply={(v) => { setValues(v as ExpertFilterValues); pages.reset(); }}>
          <Form.Item name="specialty" label="专业"><Input allowClear style={{ width: 160 }} /></Form.Item>
          <Form.Item name="active" label="状态"><Select allowClear options={ACTIVE_OPTIONS} placeholder="在册" style={{ width: 90 }} /></Form.Item>
        </Filters>
      }
      columns={[
        { title: '姓名', dataIndex: 'name' },
        { title: '专业', dataIndex: 'specialties', render: (s: string[]) => s.join('、') },
        { title: '工作单位', dataIndex: 'employer' },
        { title: '职称', dataIndex: 'title' },
        { title: '联系方式', dataIndex: 'phone' },
      ]}
    />
  );
}

export function ChecklistList({ canEdit }: { canEdit: boolean }) {
  const pages = useCursorPages();
  const vocabulary = useSectors();
  const [sector, setSector] = useState<string>();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ChecklistQuery,
    variables: { jurisdiction: sessionJurisdiction(), first: PAGE_SIZE, after: pages.after, sector: sector ?? null },
    requestPolicy: 'cache-and-network',
  });
  return (
    <ListFrame
      tab="checklist"
      canEdit={canEdit}
      pages={pages}
      connection={data?.jurisdiction?.checklistItems}
      fetching={fetching}
      error={error}
      refresh={refresher(reexecute)}
      filters={
        <Filters name="checklistFilter" onApply={(v) => { setSector((v as { sector?: string }).sector); pages.reset(); }}>
          <Form.Item name="sector" label="检查对象"><Select allowClear options={vocabulary.options} style={{ width: 160 }} /></Form.Item>
        </Filters>
      }
      columns={[
        { title: '事项编码', dataIndex: 'code' },
        { title: '抽查事项', dataIndex: 'name' },
        { title: '上级事项', key: 'parent', render: (_, item) => item.parent?.code ?? '' },
        { title: '抽查类别', dataIndex: 'category' },
        { title: '检查对象', dataIndex: 'inspectionObject' },
        { title: '适用行业', dataIndex: 'sectors', render: sectorsOf(vocabulary.label) },
        { title: '检查方式', dataIndex: 'method' },
        { title: '抽查比例', dataIndex: 'ratioText' },
        { title: '抽查频次', dataIndex: 'frequencyText' },
        { title: '检查部门', dataIndex: 'department' },
        { title: '实施层级', dataIndex: 'level' },
      ]}
    />
  );
}
