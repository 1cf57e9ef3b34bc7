import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { access } from '../../access.ts';
import { beijingDateTime } from '../../components/beijing-time.ts';
import { fieldRefusal } from '../../components/field-refusal.ts';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { isRefusal, Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import { JURISDICTION_LEVEL_LABELS } from '../../locale/labels.ts';
import { readSession } from '../../session.ts';
import { RulePackQuery, RulePackRulesQuery, SwitchRulePackMutation } from './operations.ts';
import { PackEditor } from './PackEditor.tsx';

const FIELD_NAMES = { pack: '规则包', version: '版本', reason: '切换理由' };

/** 规则包: the active pack, every rule of a pack with its clause, the history of switches; admins switch. */
export default function RulePackPage() {
  const jurisdiction = sessionJurisdiction();
  const mayAdmin = access(readSession()?.user).canAdmin;
  const [{ data, error }, refetch] = useQuery({ query: RulePackQuery, variables: { jurisdiction, member: jurisdiction !== '' }, requestPolicy: 'cache-and-network' });
  const j = data?.jurisdiction;
  const activeKey = j?.rulePackId ? `${j.rulePackId}@${j.rulePackVersion}` : undefined;
  const packs = data?.rulePacks ?? [];
  const [chosen, setChosen] = useState<string>();
  const shown = chosen ?? activeKey ?? packs[0]?.key;
  const shownPack = packs.find((p) => p.key === shown);
  const [{ data: rules, fetching: rulesLoading }] = useQuery({ query: RulePackRulesQuery, variables: { id: shownPack?.id ?? '', version: shownPack?.version ?? null }, pause: !shownPack });
  const pack = rules?.rulePack;

  const [{ fetching: switching }, switchPack] = useMutation(SwitchRulePackMutation);
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [switched, setSwitched] = useState<string>();
  async function submitSwitch(values: { reason?: string }) {
    if (!shownPack) return;
    setRefusal(undefined);
    setSwitched(undefined);
    const result = await switchPack({ jurisdiction, pack: shownPack.id, version: shownPack.version, reason: values.reason?.trim() || null });
    const answer = result.data?.switchRulePack;
    if (isRefusal(answer)) setRefusal(fieldRefusal(answer, FIELD_NAMES));
    else if (answer?.__typename === 'Jurisdiction') {
      setSwitched(`已切换为 ${shownPack.name}（${shownPack.key}）`);
      refetch({ requestPolicy: 'network-only' });
    } else if (result.error) setRefusal({ message: result.error.graphQLErrors[0]?.message ?? '无法连接服务器' });
  }

  return (
    <>
      <Typography.Title level={4}>规则包</Typography.Title>
      <Refusal error={error} id="rule-pack-error" />
      <Card style={{ marginBottom: 16 }} id="rule-pack-active" title={j ? `${j.name}现行规则包` : '已载入的规则包'}>
        {j && !activeKey && <Alert type="warning" showIcon title="本辖区尚未选择规则包：先建立执法人员名录，再由管理员选择规则包" />}
        <Form layout="inline" name="rule-pack-view">
          {/* No `name`: the page, not the form, holds which pack is shown. */}
          <Form.Item label="查看规则包" htmlFor="rule-pack-select">
            <Select
              id="rule-pack-select"
              style={{ minWidth: 360 }}
              value={shown}
              onChange={(key: string) => {
                setChosen(key);
                setRefusal(undefined);
                setSwitched(undefined);
              }}
              options={packs.map((p) => ({ value: p.key, label: `${p.name}（${p.key}，${JURISDICTION_LEVEL_LABELS[p.level]}）${p.key === activeKey ? '· 现行' : ''}` }))}
            />
          </Form.Item>
        </Form>
        {pack && (
          <Descriptions size="small" column={2} style={{ marginTop: 16 }} id="rule-pack-meta">
            <Descriptions.Item label="名称">{pack.name} {pack.key === activeKey && <Tag color="green">现行</Tag>}</Descriptions.Item>
            <Descriptions.Item label="适用层级">{JURISDICTION_LEVEL_LABELS[pack.level]}</Descriptions.Item>
            <Descriptions.Item label="施行">{pack.inForceFrom}{pack.inForceUntil ? ` 至 ${pack.inForceUntil}` : ' 起'}</Descriptions.Item>
            <Descriptions.Item label="继承">{pack.extends ?? '无'}</Descriptions.Item>
            <Descriptions.Item label="依据文件" span={2}>{pack.sources.map((s) => [s.number, s.title, s.issuedBy, s.date].filter(Boolean).join(' · ')).join('；')}</Descriptions.Item>
            <Descriptions.Item label="内容哈希" span={2}><Typography.Text code>{pack.contentHash}</Typography.Text></Descriptions.Item>
          </Descriptions>
        )}
        {mayAdmin && j && shownPack && shownPack.key !== activeKey && (
          <Form name="rule-pack-switch" layout="inline" onFinish={submitSwitch} style={{ marginTop: 16 }}>
            <Form.Item label="切换理由" name="reason">
              <Input id="rule-pack-switch_reason" style={{ width: 320 }} placeholder="如：市局印发新的实施细则" />
            </Form.Item>
            <Button type="primary" htmlType="submit" id="rule-pack-switch-submit" loading={switching}>切换为此规则包</Button>
          </Form>
        )}
        <div style={{ marginTop: 16 }}>
          <Refusal refusal={refusal} id="rule-pack-refusal" />
          {switched && <div id="rule-pack-switched"><Alert type="success" showIcon title={switched} /></div>}
        </div>
      </Card>
      {mayAdmin && j && shown && (
        <PackEditor
          jurisdiction={jurisdiction}
          baseKey={shown}
          packs={packs}
          onSaved={(key) => {
            // The new version is shown, ready to switch to.
            setChosen(key);
            setSwitched(undefined);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
      <Card title={`规则及其依据（${pack?.explanations.length ?? 0} 条）`} style={{ marginBottom: 16 }}>
        <Table
          id="rule-pack-rules"
          size="small"
          loading={rulesLoading}
          rowKey="path"
          dataSource={pack?.explanations ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: '规则', dataIndex: 'zh' },
            { title: '依据', key: 'clause', width: 320, render: (_, e) => <>{e.source}{e.citation.note ? <div><Typography.Text type="secondary">{e.citation.note}</Typography.Text></div> : null}</> },
          ]}
        />
      </Card>
      {j && (
        <Card title="切换记录">
          <Table
            id="rule-pack-history"
            size="small"
            rowKey={(s) => `${s.switchedAt}:${s.toPack}`}
            dataSource={[...j.rulePackHistory].reverse()}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '时间（北京时间）', dataIndex: 'switchedAt', render: (at: string) => beijingDateTime(at) },
              { title: '原规则包', dataIndex: 'fromPack', render: (p: string | null) => p ?? '（无）' },
              { title: '新规则包', dataIndex: 'toPack' },
              { title: '操作人', dataIndex: 'actor', render: (a: string) => a.replace(/^token:/, '') },
              { title: '理由', dataIndex: 'reason', render: (r: string | null) => r ?? '' },
            ]}
          />
        </Card>
      )}
    </>
  );
}
