import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Table, Tag } from 'antd';
import { useMutation, useQuery } from 'urql';
import { beijingDateTime } from '../../components/beijing-time.ts';
import { Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import type { SetupJurisdiction } from './JurisdictionTree.tsx';
import { AgreeToPoolingMutation, SetupPoolingQuery, UpdateJurisdictionMutation } from './operations.ts';
import { setupRefusal } from './refusal.ts';

interface UpdateForm {
  name?: string;
  neighbours: string[];
  authorityName?: string;
  noticePrefix?: string;
}

/**
 * 相邻辖区与联合抽取: the jurisdiction's name and neighbours (updateJurisdiction), and for each
 * neighbour whether both sides' admins agreed to pool inspectors (卧龙 第十八条); an admin agrees for its side.
 */
export function PoolingPanel({ code, all, onRenamed }: { code: string; all: readonly SetupJurisdiction[]; onRenamed: () => void }) {
  const [{ data, fetching: loading, error }, refetch] = useQuery({ query: SetupPoolingQuery, variables: { jurisdiction: code }, requestPolicy: 'cache-and-network' });
  const j = data?.jurisdiction;
  const [form] = Form.useForm<UpdateForm>();
  const [{ fetching: saving }, update] = useMutation(UpdateJurisdictionMutation);
  const [, agree] = useMutation(AgreeToPoolingMutation);
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [saved, setSaved] = useState<string>();
  const [rowRefusal, setRowRefusal] = useState<RefusalValue>();

  async function submit(values: UpdateForm) {
    setRefusal(undefined);
    setSaved(undefined);
    const result = await update({ code, input: { ...(values.name?.trim() ? { name: values.name.trim() } : {}), neighbours: values.neighbours, authorityName: values.authorityName ?? '', noticePrefix: values.noticePrefix ?? '' } });
    const answer = result.data?.updateJurisdiction;
    const refused = setupRefusal(answer, result.error);
    if (refused) return setRefusal(refused);
    if (answer?.__typename === 'Jurisdiction') {
      setSaved(`已保存：${answer.name}，相邻辖区 ${answer.neighbours.map((n) => n.name).join('、') || '无'}；检查实施机关 ${answer.authorityName}，公告文号 ${answer.noticePrefix}〔年份〕第N号`);
      refetch({ requestPolicy: 'network-only' });
      onRenamed();
    }
  }

  async function agreeWith(neighbour: string) {
    setRowRefusal(undefined);
    const result = await agree({ jurisdiction: code, neighbour });
    const refused = setupRefusal(result.data?.agreeToPooling, result.error);
    if (refused) return setRowRefusal(refused);
    refetch({ requestPolicy: 'network-only' });
  }

  const options = all.filter((o) => o.code !== code).map((o) => ({ value: o.code, label: `${o.name}（${o.code}）` }));
  return (
    <>
      <Card title="辖区名称、检查实施机关与相邻辖区" size="small" style={{ marginBottom: 16 }} loading={!j}>
        {j && (
          <Form<UpdateForm> form={form} name="jurisdiction-update" layout="vertical" onFinish={submit} initialValues={{ neighbours: j.neighbours.map((n) => n.code), authorityName: j.authorityNameSet ? j.authorityName : '', noticePrefix: j.noticePrefixSet ? j.noticePrefix : '' }}>
            <Form.Item label="名称" name="name" extra="留空则不改">
              <Input placeholder={j.name} style={{ maxWidth: 320 }} />
            </Form.Item>
            <Form.Item label="检查实施机关" name="authorityName" extra={`各公告写明的检查实施机关；留空则用 ${j.authorityNameSet ? '由名称得出的默认值' : j.authorityName}`}>
              <Input placeholder={j.authorityNameSet ? '' : j.authorityName} style={{ maxWidth: 420 }} id="jurisdiction-authority" />
            </Form.Item>
            <Form.Item label="公告文号前缀" name="noticePrefix" extra={`抽查任务公告编号为「前缀〔年份〕第N号」，结果公告为「前缀结〔年份〕第N号」；留空则用 ${j.noticePrefixSet ? '由名称得出的默认值' : j.noticePrefix}。已编定的编号不随之改变`}>
              <Input placeholder={j.noticePrefixSet ? '' : j.noticePrefix} style={{ maxWidth: 320 }} id="jurisdiction-notice-prefix" />
            </Form.Item>
            <Form.Item label="相邻辖区" name="neighbours" extra="保存后双方互为相邻辖区；联合抽取执法人员还须双方管理员各自同意">
              <Select mode="multiple" allowClear optionFilterProp="label" options={options} style={{ maxWidth: 560 }} />
            </Form.Item>
            <Refusal refusal={refusal} id="jurisdiction-update-refusal" />
            {saved && <div id="jurisdiction-updated" style={{ marginBottom: 16 }}><Alert type="success" showIcon title={saved} /></div>}
            <Button type="primary" htmlType="submit" loading={saving} id="jurisdiction-update-submit">保存</Button>
          </Form>
        )}
      </Card>
      <Refusal refusal={rowRefusal} error={error} id="setup-pooling-refusal" />
      <Table
        id="setup-pooling"
        size="small"
        rowKey={(p) => p.neighbour.code}
        loading={loading}
        dataSource={j?.pooling ?? []}
        pagination={false}
        locale={{ emptyText: '没有相邻辖区' }}
        columns={[
          { title: '相邻辖区', key: 'neighbour', render: (_, p) => `${p.neighbour.name}（${p.neighbour.code}）` },
          { title: '本辖区', key: 'mine', render: (_, p) => (p.agreedAt ? `已于 ${beijingDateTime(p.agreedAt)} 同意` : '未同意') },
          { title: '对方', key: 'theirs', render: (_, p) => (p.neighbourAgreedAt ? `已于 ${beijingDateTime(p.neighbourAgreedAt)} 同意` : '未同意') },
          { title: '联合抽取', dataIndex: 'pooled', render: (pooled: boolean, p) => (pooled ? <Tag color="green">双方同意，抽取时合并执法人员</Tag> : p.agreedAt ? <Tag color="orange">待对方同意</Tag> : <Tag>未商定</Tag>) },
          {
            title: '操作',
            key: 'actions',
            render: (_, p) => (p.agreedAt ? null : <Button size="small" type="primary" id={`pooling-agree-${p.neighbour.code}`} onClick={() => agreeWith(p.neighbour.code)}>同意联合抽取</Button>),
          },
        ]}
      />
    </>
  );
}
