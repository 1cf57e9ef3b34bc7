import { useState } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import { SectorsQuery, useRefreshSectors, useSectors } from '../../components/sectors.ts';
import { graphql } from '../../gql/index.ts';
import type { SectorSource } from '../../gql/graphql.ts';
import { SECTOR_SOURCE_LABELS } from '../../locale/labels.ts';
import { refusedOf } from './answer.ts';

const AddJurisdictionSector = graphql(`
  mutation ConsoleAddJurisdictionSector($jurisdiction: String!, $input: JurisdictionSectorInput!) {
    addJurisdictionSector(jurisdiction: $jurisdiction, input: $input) {
      __typename
      ... on Sector { code label source }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on ConflictError { field }
    }
  }
`);

const RemoveJurisdictionSector = graphql(`
  mutation ConsoleRemoveJurisdictionSector($jurisdiction: String!, $code: String!) {
    removeJurisdictionSector(jurisdiction: $jurisdiction, code: $code) {
      __typename
      ... on Sector { code label source }
      ... on Error { message }
      ... on ConflictError { field }
    }
  }
`);

const SOURCE_COLOURS: Record<SectorSource, string> = { BASE: 'default', PACK: 'purple', JURISDICTION: 'blue' };

/** The server's shape of a code (SECTOR_CODE_SHAPE in src/core/directory/sector-vocabulary.ts), checked here only to say it sooner. */
const CODE_SHAPE = /^[a-z][a-z0-9_]{1,62}$/;

interface Row { code: string; label: string; aliases: readonly string[]; parent: string | null; source: SectorSource; origin: string | null }
interface NewSector { label: string; code: string; aliases?: string[]; parent?: string }

/**
 * 行业领域: the jurisdiction's sector vocabulary in force (全国基础目录, its 规则包's, its own),
 * each by its Chinese name with its aliases and parent class. An admin adds the jurisdiction's own
 * sector (新增本辖区行业) and removes one no record uses (删除); every sector select of the console
 * then reads the new vocabulary.
 */
export function SectorVocabulary({ canEdit }: { canEdit: boolean }) {
  const jurisdiction = sessionJurisdiction();
  const vocabulary = useSectors();
  const refreshShared = useRefreshSectors();
  // The same query and variables as useSectors: one cache entry, so a refresh reaches every form.
  const [{ data, fetching, error }] = useQuery({ query: SectorsQuery, variables: { jurisdiction: jurisdiction || null } });
  const [source, setSource] = useState<SectorSource | 'ALL'>('ALL');
  const [adding, setAdding] = useState(false);
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [formRefusal, setFormRefusal] = useState<RefusalValue>();
  const [mutationError, setMutationError] = useState<CombinedError>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<NewSector>();
  const [, add] = useMutation(AddJurisdictionSector);
  const [, remove] = useMutation(RemoveJurisdictionSector);

  async function submit(values: NewSector) {
    setFormRefusal(undefined);
    setMutationError(undefined);
    setSaving(true);
    const input = { label: values.label, code: values.code, aliases: values.aliases ?? [], ...(values.parent ? { parent: values.parent } : {}) };
    const r = await add({ jurisdiction, input });
    setSaving(false);
    if (r.error) return setMutationError(r.error);
    const refused = refusedOf(r.data?.addJurisdictionSector);
    if (refused) {
      setFormRefusal(refused.refusal);
      form.setFields(refused.fields.map((f) => ({ ...f, name: f.name as keyof NewSector })));
      return;
    }
    setAdding(false);
    setRefusal(undefined);
    await refreshShared();
  }
  async function doRemove(row: Row) {
    setMutationError(undefined);
    const r = await remove({ jurisdiction, code: row.code });
    if (r.error) return setMutationError(r.error);
    const refused = refusedOf(r.data?.removeJurisdictionSector);
    if (refused) return setRefusal(refused.refusal);
    setRefusal(undefined);
    await refreshShared();
  }

  const all = (data?.sectors ?? []) as Row[];
  const rows = source === 'ALL' ? all : all.filter((r) => r.source === source);
  return (
    <div id="sector-vocabulary">
      <Typography.Paragraph type="secondary">
        名录和抽查事项清单使用的行业领域：全国基础目录、本辖区规则包增加的和本辖区自设的。别名用于把“检查对象”等文字匹配为行业领域。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <Segmented<SectorSource | 'ALL'>
          id="sector-source-filter"
          value={source}
          onChange={setSource}
          options={[{ value: 'ALL', label: '全部' }, ...(['BASE', 'PACK', 'JURISDICTION'] as const).map((s) => ({ value: s, label: SECTOR_SOURCE_LABELS[s] }))]}
        />
        {canEdit && (
          <Button id="own-sector-create" type="primary" onClick={() => { form.resetFields(); setFormRefusal(undefined); setMutationError(undefined); setAdding(true); }}>
            新增本辖区行业
          </Button>
        )}
      </Space>
      <Refusal error={error} id="sector-vocabulary-error" />
      {!adding && <Refusal refusal={refusal} error={mutationError} id="own-sector-refusal" />}
      <Table<Row>
        id="sector-vocabulary-table"
        rowKey="code"
        size="small"
        loading={fetching && !data}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: '名称',
            key: 'label',
            render: (_, r) => (
              <>
                {r.label} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}</Typography.Text>
              </>
            ),
          },
          { title: '别名', key: 'aliases', render: (_, r) => (r.aliases.length ? r.aliases.join('、') : '—') },
          { title: '上级行业', key: 'parent', render: (_, r) => (r.parent ? vocabulary.label(r.parent) : '—') },
          {
            title: '来源',
            key: 'source',
            render: (_, r) => (
              <>
                <Tag color={SOURCE_COLOURS[r.source]}>{SECTOR_SOURCE_LABELS[r.source]}</Tag>
                {r.source === 'PACK' && r.origin && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.origin}</Typography.Text>}
              </>
            ),
          },
          ...(canEdit
            ? [{
                title: '操作',
                key: 'actions',
                render: (_: unknown, r: Row) =>
                  r.source === 'JURISDICTION' && (
                    <Popconfirm title={`删除本辖区行业“${r.label}”？`} okText="删除" cancelText="取消" okButtonProps={{ id: 'own-sector-remove-confirm', danger: true }} onConfirm={() => doRemove(r)}>
                      <Button size="small" danger className="remove-sector">删除</Button>
                    </Popconfirm>
                  ),
              }]
            : []),
        ]}
      />
      <Modal
        title="新增本辖区行业"
        open={adding}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ id: 'ownSector-submit', loading: saving }}
        cancelButtonProps={{ id: 'ownSector-cancel' }}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        forceRender
      >
        <Refusal refusal={formRefusal} error={mutationError} id="ownSector-refusal" />
        <Form form={form} name="ownSector" layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item name="label" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 50, message: '名称至多 50 个字' }]}>
            <Input placeholder="如：水电站" />
          </Form.Item>
          <Form.Item
            name="code"
            label="代码"
            extra="小写字母开头，只含小写字母、数字和下划线，2 至 63 个字符；保存后不能修改"
            rules={[{ required: true, message: '请填写代码' }, { pattern: CODE_SHAPE, message: '代码应以小写字母开头，只含小写字母、数字和下划线，2 至 63 个字符' }]}
          >
            <Input placeholder="如：hydropower" />
          </Form.Item>
          <Form.Item name="aliases" label="别名" extra="检查对象等文字写作别名时，也匹配为这个行业（输入后回车）">
            <Select mode="tags" open={false} tokenSeparators={['、', ',', '，']} />
          </Form.Item>
          <Form.Item name="parent" label="上级行业">
            <Select allowClear showSearch optionFilterProp="label" options={vocabulary.options} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
