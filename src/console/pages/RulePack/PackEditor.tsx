import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { beijingToday } from '../../components/beijing-time.ts';
import { isRefusal, Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import { navigate } from '../../router.ts';
import { keepEdit } from '../Simulation/pending-edit.ts';
import { RulePackEditorQuery, SaveRulePackMutation } from './operations.ts';
import { fieldKind, getPath, ruleFields, ruleSlots, setPath, type JsonSchema, type RuleSlot } from './rule-form.ts';
import { fieldLabel, ruleLabel, valueLabel } from './rule-labels.ts';

interface SourceRow {
  id: string;
  number: string;
  title: string;
}
interface Difference {
  path: string;
  change: string;
  before?: { zh: string; source: string } | null;
  after?: { zh: string; source: string } | null;
}

const CHANGE_LABELS: Record<string, string> = { added: '新增', removed: '删除', changed: '修改' };
const META_LABELS: Record<string, string> = { 'meta.id': '规则包标识', 'meta.name': '名称', 'meta.version': '版本', 'meta.inForce.from': '施行日期', base: '基础规则包' };
const fieldId = (path: string) => `pack-editor-${path.replace(/\./g, '-')}`;

/**
 * 编辑本辖区规则包: an admin starts from a base (a built-in pack, a level above's, or the
 * jurisdiction's own), changes rules, each with its citation, sees the differences from the base
 * and saves a new version. Validation is the server's (`pack validate`'s), shown on the field.
 */
export function PackEditor({ jurisdiction, baseKey, packs, onSaved }: { jurisdiction: string; baseKey: string; packs: readonly { key: string; name: string }[]; onSaved: (key: string) => void }) {
  const [base, setBase] = useState(baseKey);
  useEffect(() => setBase(baseKey), [baseKey]);
  const [id, version] = base.split('@') as [string, string | undefined];
  const [{ data }, refetch] = useQuery({ query: RulePackEditorQuery, variables: { jurisdiction, id, version: version ?? null }, requestPolicy: 'cache-and-network' });
  const stored = data?.storedRulePacks.__typename === 'QueryStoredRulePacksSuccess' ? data.storedRulePacks.data : [];
  const ownBase = stored.find((s) => s.key === base);
  const basePack = data?.rulePack;
  const slots = useMemo(() => (data ? ruleSlots(data.rulePackLanguage as JsonSchema) : []), [data?.rulePackLanguage]);

  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [meta, setMeta] = useState({ id: '', name: '', version: '', inForceFrom: '' });
  const [sources, setSources] = useState<SourceRow[]>([]);
  const [slotPath, setSlotPath] = useState<string>('team');
  const [jsonText, setJsonText] = useState<Record<string, string>>({});
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [differences, setDifferences] = useState<Difference[]>();
  const [saved, setSaved] = useState<string>();
  const [{ fetching }, save] = useMutation(SaveRulePackMutation);

  // Starting again from a (new) base: its own rules when it is this jurisdiction's pack, nothing otherwise.
  useEffect(() => {
    if (!basePack) return;
    setDraft(ownBase ? ((ownBase.ownRules as Record<string, unknown>) ?? {}) : {});
    const ownSources = (ownBase?.ownSources as { id: string; number?: string; title: string }[] | undefined) ?? [];
    setSources(ownSources.map((s) => ({ id: s.id, number: s.number ?? '', title: s.title })));
    setMeta({ id: ownBase ? ownBase.id : '', name: ownBase?.name ?? `${basePack.name}（本辖区）`, version: '', inForceFrom: '' });
    setIssues({});
    setDifferences(undefined);
    setJsonText({});
  }, [basePack?.key, ownBase?.key]);

  const slot: RuleSlot | undefined = slots.find((s) => s.path === slotPath);
  const inForce = (path: string) => getPath(draft, path) ?? getPath(basePack?.rules, path);
  const isOwn = (path: string) => getPath(draft, path) !== undefined;
  const docs = [...sources.filter((s) => s.id), ...(basePack?.sources ?? []).map((s) => ({ id: s.id, number: s.number ?? '', title: s.title }))];

  /** Changes one field of the shown rule: the rule in force is copied into the draft first. */
  function setField(path: string, key: string, value: unknown) {
    const current = { ...((inForce(path) as Record<string, unknown> | undefined) ?? {}) };
    if (value === undefined || value === null || value === '') delete current[key];
    else current[key] = value;
    setDraft((d) => setPath(d, path, current));
  }
  function setCite(path: string, part: 'doc' | 'clause', value: string) {
    const rule = (inForce(path) as Record<string, unknown> | undefined) ?? {};
    const cite = { ...((rule.cite as Record<string, string> | undefined) ?? {}), [part]: value };
    if (!cite[part]) delete cite[part];
    setField(path, 'cite', Object.keys(cite).length ? cite : undefined);
  }

  function metaInput() {
    return {
      ...(meta.id.trim() ? { id: meta.id.trim() } : {}),
      name: meta.name.trim(),
      ...(meta.version.trim() ? { version: meta.version.trim() } : {}),
      inForceFrom: meta.inForceFrom.trim() || beijingToday(),
      sources: sources.filter((s) => s.id.trim() || s.title.trim()).map((s) => ({ id: s.id.trim(), title: s.title.trim(), ...(s.number.trim() ? { number: s.number.trim() } : {}) })),
    };
  }

  /** JSON fields that do not parse are refused here, on the field, before anything is sent. */
  function unparsed(): boolean {
    const bad = Object.entries(jsonText).filter(([, text]) => { try { JSON.parse(text); return false; } catch { return true; } });
    if (bad.length > 0) setIssues(Object.fromEntries(bad.map(([path]) => [`rules.${path}`, '不是有效的 JSON（not valid JSON）'])));
    return bad.length > 0;
  }

  /** 模拟对比: the edit, unsaved, goes to 规则模拟 to be drawn beside its base (validated there, as a save would be). */
  function simulate() {
    setRefusal(undefined);
    setSaved(undefined);
    if (unparsed()) return;
    keepEdit({ jurisdiction, base, meta: metaInput(), rules: draft });
    navigate('/simulation?edit=1');
  }

  async function submit(dryRun: boolean) {
    setRefusal(undefined);
    setSaved(undefined);
    if (unparsed()) return;
    const result = await save({ jurisdiction, base, meta: metaInput(), rules: draft, dryRun });
    const answer = result.data?.saveRulePack;
    if (answer?.__typename === 'SavedRulePack') {
      setIssues({});
      setDifferences(answer.differences);
      if (answer.saved) {
        setSaved(`已保存为新版本 ${answer.pack.key}（内容哈希 ${answer.pack.contentHash.slice(0, 16)}…）`);
        refetch({ requestPolicy: 'network-only' });
        onSaved(answer.pack.key);
      }
    } else if (isRefusal(answer)) {
      const byPath = Object.fromEntries((answer.issues ?? []).map((i) => [i.field, i.message]));
      setIssues(byPath);
      // The refusal names each field in Chinese; the field itself shows its reason as well.
      const named = (field: string) => {
        if (!field.startsWith('rules.')) return META_LABELS[field] ?? (field.startsWith('meta.sources') ? '依据文件' : field);
        const rule = slotOf(field);
        const rest = field.slice(`rules.${rule}`.length + 1).split('.').filter((k) => !/^\d+$/.test(k));
        return [ruleLabel(rule), ...rest.map(fieldLabel)].join(' · ');
      };
      setRefusal(answer.issues?.length ? { ...answer, message: answer.issues.map((i) => `${named(i.field)}：${i.message}`).join('；'), issues: [] } : answer);
    } else if (result.error) setRefusal({ message: result.error.graphQLErrors[0]?.message ?? '无法连接服务器' });
  }
  const slotOf = (field: string) => slots.map((s) => s.path).filter((p) => field === `rules.${p}` || field.startsWith(`rules.${p}.`)).sort((a, b) => b.length - a.length)[0] ?? field.slice(6);
  const issueAt = (path: string) => issues[path] ?? Object.entries(issues).find(([k]) => k.startsWith(`${path}.`))?.[1];

  if (!basePack) return null;
  return (
    <Card title="编辑本辖区规则包" id="pack-editor" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        从基础规则包出发，只写本辖区不同之处；每条规则须注明依据（文件和条款）。保存即成为新版本，已保存的版本不再修改；保存后由管理员切换启用。
      </Typography.Paragraph>
      <Form layout="vertical" name="pack-editor">
        <Space wrap align="start">
          <Form.Item label="基础规则包" htmlFor="pack-editor-base" validateStatus={issues.base ? 'error' : undefined} help={issues.base}>
            <Select id="pack-editor-base" style={{ minWidth: 320 }} value={base} onChange={setBase} options={packs.map((p) => ({ value: p.key, label: `${p.name}（${p.key}）${stored.some((s) => s.key === p.key) ? ' · 本辖区' : ''}` }))} />
          </Form.Item>
          <Form.Item label="规则包标识" htmlFor="pack-editor-id" validateStatus={issues['meta.id'] ? 'error' : undefined} help={issues['meta.id'] ?? '小写字母、数字和连字符'}>
            <Input id="pack-editor-id" value={meta.id} disabled={!!ownBase} onChange={(e) => setMeta({ ...meta, id: e.target.value })} placeholder="如 wolong-2026" />
          </Form.Item>
          <Form.Item label="名称" htmlFor="pack-editor-name" validateStatus={issues['meta.name'] ? 'error' : undefined} help={issues['meta.name']}>
            <Input id="pack-editor-name" style={{ width: 280 }} value={meta.name} onChange={(e) => setMeta({ ...meta, name: e.target.value })} />
          </Form.Item>
          <Form.Item label="版本" htmlFor="pack-editor-version" validateStatus={issues['meta.version'] ? 'error' : undefined} help={issues['meta.version'] ?? '留空：自动取下一版本'}>
            <Input id="pack-editor-version" style={{ width: 140 }} value={meta.version} onChange={(e) => setMeta({ ...meta, version: e.target.value })} placeholder="自动" />
          </Form.Item>
          <Form.Item label="施行日期" htmlFor="pack-editor-from" validateStatus={issues['meta.inForce.from'] ? 'error' : undefined} help={issues['meta.inForce.from'] ?? '留空：今天（北京时间）'}>
            <Input id="pack-editor-from" style={{ width: 140 }} value={meta.inForceFrom} onChange={(e) => setMeta({ ...meta, inForceFrom: e.target.value })} placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Space>

        <Typography.Text strong>本规则包的依据文件</Typography.Text>
        <Table
          id="pack-editor-sources"
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={sources}
          style={{ margin: '8px 0 16px' }}
          columns={(['id', 'number', 'title'] as const).map((key) => ({
            title: { id: '简称（引用时用）', number: '文号', title: '标题' }[key],
            key,
            render: (_: unknown, row: SourceRow, i: number) => {
              const issue = issues[`meta.sources.${i}.${key}`];
              return (
                <Form.Item style={{ margin: 0 }} validateStatus={issue ? 'error' : undefined} help={issue}>
                  <Input id={`pack-editor-source-${i}-${key}`} value={row[key]} onChange={(e) => setSources(sources.map((s, j) => (j === i ? { ...s, [key]: e.target.value } : s)))} />
                </Form.Item>
              );
            },
          }))}
          footer={() => <Button id="pack-editor-add-source" size="small" onClick={() => setSources([...sources, { id: '', number: '', title: '' }])}>添加依据文件</Button>}
        />

        <Form.Item label="规则" htmlFor="pack-editor-rule">
          <Select
            id="pack-editor-rule"
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 360 }}
            value={slotPath}
            onChange={setSlotPath}
            options={slots.map((s) => ({ value: s.path, label: `${ruleLabel(s.path)}${isOwn(s.path) ? ' · 本辖区' : inForce(s.path) === undefined ? ' · 未规定' : ''}` }))}
          />
        </Form.Item>
        {slot && (
          <Card size="small" id="pack-editor-slot" title={<>{ruleLabel(slot.path)} {isOwn(slot.path) ? <Tag color="blue">本辖区规定</Tag> : <Tag>沿用基础规则包</Tag>}</>}
            extra={isOwn(slot.path) && <Button size="small" id="pack-editor-reset" onClick={() => { setDraft((d) => setPath(d, slot.path, undefined)); setJsonText(({ [slot.path]: _, ...rest }) => rest); }}>恢复为基础规则包</Button>}>
            {slot.form ? (
              <Space wrap align="start">
                {ruleFields(slot).map(([key, schema]) => {
                  const value = (inForce(slot.path) as Record<string, unknown> | undefined)?.[key];
                  const kind = fieldKind(schema);
                  const path = `rules.${slot.path}.${key}`;
                  const issue = issues[path] ?? Object.entries(issues).find(([k]) => k.startsWith(`${path}.`))?.[1];
                  const id = fieldId(`${slot.path}.${key}`);
                  return (
                    <Form.Item key={key} label={fieldLabel(key)} htmlFor={id} validateStatus={issue ? 'error' : undefined} help={issue}>
                      {kind === 'integer' || kind === 'number' ? (
                        <InputNumber id={id} value={typeof value === 'number' ? value : null} min={schema.minimum} max={schema.maximum && schema.maximum < 1e9 ? schema.maximum : undefined} onChange={(v) => setField(slot.path, key, v ?? undefined)} />
                      ) : kind === 'boolean' ? (
                        <Switch id={id} checked={value === true} onChange={(v) => setField(slot.path, key, v)} />
                      ) : kind === 'enum' ? (
                        <Select id={id} style={{ minWidth: 160 }} allowClear value={value as string | undefined} onChange={(v) => setField(slot.path, key, v)} options={(schema.enum ?? [schema.const]).map((v) => ({ value: v as string, label: valueLabel(key, String(v)) }))} />
                      ) : kind === 'text' ? (
                        <Input id={id} value={(value as string | undefined) ?? ''} onChange={(e) => setField(slot.path, key, e.target.value)} />
                      ) : (
                        <Input.TextArea
                          id={id}
                          autoSize
                          style={{ minWidth: 320, fontFamily: 'monospace' }}
                          value={jsonText[`${slot.path}.${key}`] ?? (value === undefined ? '' : JSON.stringify(value))}
                          onChange={(e) => {
                            const text = e.target.value;
                            setJsonText((t) => ({ ...t, [`${slot.path}.${key}`]: text }));
                            try {
                              setField(slot.path, key, text.trim() ? JSON.parse(text) : undefined);
                              setJsonText(({ [`${slot.path}.${key}`]: _, ...rest }) => rest);
                            } catch {
                              // Kept as typed until it parses; saving is refused on the field meanwhile.
                            }
                          }}
                        />
                      )}
                    </Form.Item>
                  );
                })}
                <Form.Item label="依据文件" htmlFor={fieldId(`${slot.path}.cite.doc`)} validateStatus={issueAt(`rules.${slot.path}.cite`) ? 'error' : undefined} help={issueAt(`rules.${slot.path}.cite`)}>
                  <Select id={fieldId(`${slot.path}.cite.doc`)} style={{ minWidth: 220 }} allowClear
                    value={((inForce(slot.path) as { cite?: { doc?: string } } | undefined)?.cite?.doc) ?? undefined}
                    onChange={(v) => setCite(slot.path, 'doc', v ?? '')}
                    options={docs.map((d) => ({ value: d.id, label: d.number || d.title }))} />
                </Form.Item>
                <Form.Item label="条款" htmlFor={fieldId(`${slot.path}.cite.clause`)}>
                  <Input id={fieldId(`${slot.path}.cite.clause`)} style={{ width: 140 }}
                    value={((inForce(slot.path) as { cite?: { clause?: string } } | undefined)?.cite?.clause) ?? ''}
                    onChange={(e) => setCite(slot.path, 'clause', e.target.value)} placeholder="如 第六条、二(六)" />
                </Form.Item>
              </Space>
            ) : (
              <Form.Item label="规则（JSON，每项须含 cite：依据文件和条款）" htmlFor={fieldId(slot.path)} validateStatus={issueAt(`rules.${slot.path}`) ? 'error' : undefined} help={issueAt(`rules.${slot.path}`)}>
                <Input.TextArea
                  id={fieldId(slot.path)}
                  autoSize={{ minRows: 3 }}
                  style={{ fontFamily: 'monospace' }}
                  value={jsonText[slot.path] ?? (inForce(slot.path) === undefined ? '' : JSON.stringify(inForce(slot.path), null, 2))}
                  onChange={(e) => {
                    const text = e.target.value;
                    setJsonText((t) => ({ ...t, [slot.path]: text }));
                    try {
                      setDraft((d) => setPath(d, slot.path, text.trim() ? JSON.parse(text) : undefined));
                      setJsonText(({ [slot.path]: _, ...rest }) => rest);
                    } catch {
                      // Kept as typed until it parses.
                    }
                  }}
                />
              </Form.Item>
            )}
          </Card>
        )}
        <Space style={{ marginTop: 16 }}>
          <Button id="pack-editor-preview" onClick={() => submit(true)} loading={fetching}>校验并查看差异</Button>
          <Button id="pack-editor-simulate" onClick={simulate}>模拟对比（不保存）</Button>
          <Button id="pack-editor-save" type="primary" onClick={() => submit(false)} loading={fetching}>保存为新版本</Button>
        </Space>
      </Form>
      <div style={{ marginTop: 16 }}>
        <Refusal refusal={refusal} id="pack-editor-refusal" />
        {saved && <div id="pack-editor-saved"><Alert type="success" showIcon title={saved} /></div>}
      </div>
      {differences && (
        <Table
          id="pack-editor-diff"
          size="small"
          style={{ marginTop: 16 }}
          rowKey="path"
          pagination={false}
          title={() => `与基础规则包 ${base} 的差异（${differences.length} 条）`}
          dataSource={differences}
          columns={[
            { title: '规则', dataIndex: 'path', render: (p: string) => ruleLabel(p) },
            { title: '变化', dataIndex: 'change', width: 80, render: (c: string) => CHANGE_LABELS[c] ?? c },
            { title: '基础规则包', key: 'before', render: (_, d: Difference) => (d.before ? <>{d.before.zh}<div><Typography.Text type="secondary">{d.before.source}</Typography.Text></div></> : '（无）') },
            { title: '本辖区', key: 'after', render: (_, d: Difference) => (d.after ? <>{d.after.zh}<div><Typography.Text type="secondary">{d.after.source}</Typography.Text></div></> : '（无）') },
          ]}
        />
      )}
      {stored.length > 0 && (
        <Table
          id="pack-editor-versions"
          size="small"
          style={{ marginTop: 16 }}
          rowKey="key"
          pagination={false}
          title={() => '本辖区已保存的版本'}
          dataSource={[...stored].reverse()}
          columns={[
            { title: '版本', dataIndex: 'key' },
            { title: '保存人', dataIndex: 'createdBy', render: (a: string | null) => a ?? '' },
            { title: '抽取使用', dataIndex: 'usedAt', render: (u: string | null) => (u ? <Tag color="orange">已用于抽取，不可更改</Tag> : '未使用') },
          ]}
        />
      )}
    </Card>
  );
}
