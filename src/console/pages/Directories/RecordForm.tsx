import { useState } from 'react';
import { Form, Input, Modal, Select, Switch } from 'antd';
import { useMutation, type CombinedError } from 'urql';
import { Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { refusedOf, type DirectoryAnswer } from './answer.ts';
import { useSectors } from '../../components/sectors.ts';
import { FIELDS_OF, type DirectoryTab, type FormField } from './fields.ts';
import {
  CreateChecklistItem, CreateEnterprise, CreateExpert, CreateInspector,
  UpdateChecklistItem, UpdateEnterprise, UpdateExpert, UpdateInspector,
} from './operations.ts';

/** The form's name per directory: antd makes each field's id `<name>_<field>` (enterprise_uscc). */
export const FORM_NAMES: Record<DirectoryTab, string> = { enterprises: 'enterprise', inspectors: 'inspector', experts: 'expert', checklist: 'checklistItem' };

const TITLES: Record<DirectoryTab, string> = { enterprises: '企业', inspectors: '执法检查人员', experts: '专家', checklist: '检查事项' };

type Values = Record<string, unknown>;

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Create: every field given (flags included). Edit: only the fields changed, an emptied one as null. */
function inputOf(fields: readonly FormField[], values: Values, initial: Values | undefined): Values {
  const input: Values = {};
  for (const f of fields) {
    const value = values[f.name];
    if (!initial) {
      if (!isEmpty(value) || f.input === 'switch') input[f.name] = f.input === 'switch' ? Boolean(value) : value;
    } else if (JSON.stringify(value ?? null) !== JSON.stringify(initial[f.name] ?? null) && !(isEmpty(value) && isEmpty(initial[f.name]))) {
      input[f.name] = isEmpty(value) ? null : value;
    }
  }
  return input;
}

function control(field: FormField, sectorOptions: { value: string; label: string }[]) {
  switch (field.input) {
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 2 }} />;
    case 'select':
      return <Select allowClear options={[...(field.options ?? [])]} />;
    case 'sector':
      return <Select allowClear showSearch optionFilterProp="label" options={sectorOptions} />;
    case 'sectors':
      return <Select mode="multiple" allowClear showSearch optionFilterProp="label" options={sectorOptions} />;
    case 'tags':
      return <Select mode="tags" tokenSeparators={['、', ',', '，']} />;
    case 'switch':
      return <Switch checkedChildren="是" unCheckedChildren="否" />;
    case 'date':
      return <Input type="date" />;
    default:
      return <Input />;
  }
}

/**
 * 新增 or 编辑 one record in a modal. The server validates with the same rules as a file import;
 * its field issues land on their fields, its refusal (and why) above the form.
 */
export function RecordForm({ tab, record, open, onClose, onSaved }: { tab: DirectoryTab; record?: Values & { id: string }; open: boolean; onClose: () => void; onSaved: (id: string) => void }) {
  const [form] = Form.useForm<Values>();
  const sectorOptions = useSectors().options;
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [error, setError] = useState<CombinedError>();
  const [saving, setSaving] = useState(false);
  const [, createEnterprise] = useMutation(CreateEnterprise);
  const [, updateEnterprise] = useMutation(UpdateEnterprise);
  const [, createInspector] = useMutation(CreateInspector);
  const [, updateInspector] = useMutation(UpdateInspector);
  const [, createExpert] = useMutation(CreateExpert);
  const [, updateExpert] = useMutation(UpdateExpert);
  const [, createItem] = useMutation(CreateChecklistItem);
  const [, updateItem] = useMutation(UpdateChecklistItem);
  const fields = FIELDS_OF[tab];
  const name = FORM_NAMES[tab];

  async function send(input: Values): Promise<{ answer?: DirectoryAnswer & { id?: string }; error?: CombinedError }> {
    const jurisdiction = sessionJurisdiction();
    // The inputs are typed per mutation; the form's values follow the same field names.
    const i = input as never;
    const id = record?.id ?? '';
    const r =
      tab === 'enterprises' ? await (record ? updateEnterprise({ id, input: i }) : createEnterprise({ jurisdiction, input: i })) :
      tab === 'inspectors' ? await (record ? updateInspector({ id, input: i }) : createInspector({ jurisdiction, input: i })) :
      tab === 'experts' ? await (record ? updateExpert({ id, input: i }) : createExpert({ jurisdiction, input: i })) :
      await (record ? updateItem({ id, input: i }) : createItem({ jurisdiction, input: i }));
    const data = r.data as Record<string, DirectoryAnswer & { id?: string }> | undefined;
    return { answer: data ? Object.values(data)[0] : undefined, error: r.error };
  }

  async function submit(values: Values) {
    setRefusal(undefined);
    setError(undefined);
    const input = inputOf(fields, values, record);
    if (record && Object.keys(input).length === 0) return onClose();
    setSaving(true);
    const { answer, error } = await send(input);
    setSaving(false);
    if (error) return setError(error);
    const refused = refusedOf(answer);
    if (refused) {
      setRefusal(refused.refusal);
      form.setFields(refused.fields);
      return;
    }
    if (answer?.id) onSaved(answer.id);
  }

  return (
    <Modal
      open={open}
      title={`${record ? '编辑' : '新增'}${TITLES[tab]}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      okButtonProps={{ id: `${name}-submit`, loading: saving }}
      cancelButtonProps={{ id: `${name}-cancel` }}
      width={720}
      destroyOnHidden
      forceRender
    >
      <Refusal refusal={refusal} error={error} id={`${name}-refusal`} />
      <Form form={form} name={name} layout="vertical" initialValues={record} onFinish={submit} preserve={false}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          {fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              valuePropName={f.input === 'switch' ? 'checked' : 'value'}
              rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
              style={f.input === 'textarea' ? { gridColumn: '1 / span 2' } : undefined}
            >
              {control(f, sectorOptions)}
            </Form.Item>
          ))}
        </div>
      </Form>
    </Modal>
  );
}
