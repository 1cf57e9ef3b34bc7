import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select } from 'antd';
import { useMutation } from 'urql';
import { Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import type { JurisdictionLevel } from '../../gql/graphql.ts';
import { JURISDICTION_LEVEL_LABELS } from '../../locale/labels.ts';
import type { SetupJurisdiction } from './JurisdictionTree.tsx';
import { CreateJurisdictionMutation } from './operations.ts';
import { setupRefusal } from './refusal.ts';

interface CreateForm {
  code: string;
  level: JurisdictionLevel;
  name?: string;
  parent?: string;
  neighbours?: string[];
}

const LEVELS = Object.entries(JURISDICTION_LEVEL_LABELS).map(([value, label]) => ({ value, label }));

/** The level a GB/T 2260 code's shape says (510000 a province, 511500 a city, 511502 a county); the server checks it against the table. */
function levelOf(code: string): JurisdictionLevel | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  return code.endsWith('0000') ? 'PROVINCE' : code.endsWith('00') ? 'CITY' : 'COUNTY';
}

/**
 * 新建辖区: the operator creates top-level jurisdictions (or any below one here), an admin the
 * subordinates of its own. The code is checked on the server against GB/T 2260; the name may be
 * left empty (the table's is taken).
 */
export function CreateJurisdiction({ own, shown, onCreated }: { own: SetupJurisdiction | undefined; shown: readonly SetupJurisdiction[]; onCreated: (code: string, name: string) => void }) {
  const [form] = Form.useForm<CreateForm>();
  const [{ fetching }, create] = useMutation(CreateJurisdictionMutation);
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [created, setCreated] = useState<string>();

  async function submit(values: CreateForm) {
    setRefusal(undefined);
    setCreated(undefined);
    const input = {
      code: values.code.trim(),
      level: values.level,
      ...(values.name?.trim() ? { name: values.name.trim() } : {}),
      // An admin creates below its own jurisdiction; the operator names a parent or lets the table decide.
      ...(own ? { parent: own.code } : values.parent ? { parent: values.parent } : {}),
      ...(values.neighbours?.length ? { neighbours: values.neighbours } : {}),
    };
    const result = await create({ input });
    const answer = result.data?.createJurisdiction;
    const refused = setupRefusal(answer, result.error);
    if (refused) return setRefusal(refused);
    if (answer?.__typename === 'Jurisdiction') {
      setCreated(`已建立 ${answer.name}（${answer.code}，${JURISDICTION_LEVEL_LABELS[answer.level]}${answer.parent ? `，上级 ${answer.parent.name}` : '，顶级辖区'}）：请为其设立第一位管理员`);
      form.resetFields();
      onCreated(answer.code, answer.name);
    }
  }

  const options = shown.map((j) => ({ value: j.code, label: `${j.name}（${j.code}）` }));
  return (
    <Card title={own ? `新建 ${own.name} 的下级辖区` : '新建辖区'} style={{ marginBottom: 16 }} id="jurisdiction-create-card">
      <Form<CreateForm>
        form={form}
        name="jurisdiction-create"
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<CreateForm>) => {
          const level = changed.code === undefined ? undefined : levelOf(changed.code.trim());
          if (level) form.setFieldValue('level', level);
        }}
      >
        <Form.Item label="行政区划代码" name="code" rules={[{ required: true, whitespace: true, message: '请输入六位行政区划代码' }, { pattern: /^\s*\d{6}\s*$/, message: '行政区划代码为六位数字（GB/T 2260），如 511502' }]} extra="按国家标准 GB/T 2260 核对">
          <Input maxLength={8} placeholder="如 511500" />
        </Form.Item>
        <Form.Item label="级别" name="level" rules={[{ required: true, message: '请选择级别' }]} extra="按代码自动选择，可更改">
          <Select options={LEVELS} />
        </Form.Item>
        <Form.Item label="名称" name="name" extra="可留空：取国家标准中的名称">
          <Input placeholder="如 宜宾市" />
        </Form.Item>
        {own ? (
          <Form.Item label="上级辖区" htmlFor="jurisdiction-create_parent">
            <Input id="jurisdiction-create_parent" value={`${own.name}（${own.code}）`} disabled />
          </Form.Item>
        ) : (
          <Form.Item label="上级辖区" name="parent" extra="可留空：上级已在本平台时按国家标准自动确定，否则为顶级辖区">
            <Select allowClear showSearch optionFilterProp="label" options={options} placeholder="（顶级辖区）" />
          </Form.Item>
        )}
        <Form.Item label="相邻辖区" name="neighbours" extra="联合抽取执法人员还须双方管理员各自同意">
          <Select mode="multiple" allowClear optionFilterProp="label" options={options} />
        </Form.Item>
        <Refusal refusal={refusal} id="jurisdiction-create-refusal" />
        {created && <div id="jurisdiction-created" style={{ marginBottom: 16 }}><Alert type="success" showIcon title={created} /></div>}
        <Button type="primary" htmlType="submit" loading={fetching} id="jurisdiction-create-submit">建立辖区</Button>
      </Form>
    </Card>
  );
}
