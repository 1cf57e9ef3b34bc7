import type { ReactNode } from 'react';
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import type { ItemOutcome, TransferTo } from '../../gql/graphql.ts';
import { ITEM_OUTCOME_LABELS, TRANSFER_TO_LABELS } from '../../locale/labels.ts';
import type { ResultFormValues } from './result-input.ts';

export interface ChecklistName {
  readonly code: string;
  readonly name: string;
  readonly content?: string | null;
}

interface Props {
  /** The antd form name: fields get the ids `<name>_<field>` (result_category, result_items_0_outcome …). */
  readonly name: string;
  readonly categories: readonly { readonly code: string; readonly label: string }[];
  /** The pack's rule on serious non-cooperation (null: it has none): its category asks for the cases. */
  readonly nonCooperation: { readonly category: string; readonly clause: string; readonly cases: readonly { readonly code: string; readonly label: string }[] } | null | undefined;
  readonly checklist: ReadonlyMap<string, ChecklistName>;
  /** The items drawn for this enterprise: the hazards' item choices. */
  readonly drawnItems: readonly string[];
  readonly initial: ResultFormValues;
  readonly submitLabel: string;
  readonly submitting: boolean;
  readonly onSubmit: (values: ResultFormValues) => void;
  /** Fields before the result's own (the correction's reason). */
  readonly before?: ReactNode;
}

const OUTCOMES = Object.entries(ITEM_OUTCOME_LABELS).map(([value, label]) => ({ value: value as ItemOutcome, label }));
const TRANSFERS = Object.entries(TRANSFER_TO_LABELS).map(([value, label]) => ({ value: value as TransferTo, label }));

/**
 * The result of one enterprise as the team enters it: the pack's category, the finding of every
 * item drawn for it, hazards, handling (责令限期整改, 行政处罚, 移送) and a summary. One column on a
 * phone, two on a desk; dates are native date inputs (the phone's own picker, typed on a desk).
 */
export function ResultForm({ name, categories, nonCooperation, checklist, drawnItems, initial, submitLabel, submitting, onSubmit, before }: Props) {
  const itemName = (code: string) => checklist.get(code)?.name ?? code;
  return (
    <Form<ResultFormValues> name={name} layout="vertical" initialValues={initial} onFinish={onSubmit} scrollToFirstError>
      {before}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="检查结果类别" name="category" rules={[{ required: true, message: '请选择检查结果类别' }]}>
            <Select placeholder="请选择" options={categories.map((c) => ({ value: c.code, label: c.label }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="检查日期" name="inspectedOn" rules={[{ required: true, message: '请填写检查日期' }]}>
            <Input type="date" />
          </Form.Item>
        </Col>
      </Row>

      {nonCooperation && (
        <Form.Item noStyle shouldUpdate={(a, b) => a.category !== b.category}>
          {({ getFieldValue }) =>
            getFieldValue('category') === nonCooperation.category && (
              <Form.Item label={`不配合检查情节（${nonCooperation.clause}）`} name="nonCooperation" rules={[{ required: true, type: 'array', min: 1, message: '请选择属于哪种不配合检查情节' }]}>
                <Select mode="multiple" placeholder="请选择" options={nonCooperation.cases.map((c) => ({ value: c.code, label: c.label }))} />
              </Form.Item>
            )
          }
        </Form.Item>
      )}

      <Typography.Title level={5}>检查事项</Typography.Title>
      <Form.List name="items">
        {(fields) =>
          fields.map((field) => {
            const code = initial.items[field.name]?.code ?? '';
            return (
              <Card key={field.key} size="small" style={{ marginBottom: 12 }} id={`${name}-item-${field.name}`}>
                {/* Registered so the submitted values carry each finding's item code. */}
                <Form.Item name={[field.name, 'code']} hidden><Input /></Form.Item>
                <Typography.Text strong>{itemName(code)}</Typography.Text>
                {checklist.get(code)?.content && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>{checklist.get(code)!.content}</Typography.Paragraph>}
                <Form.Item label="检查情况" name={[field.name, 'outcome']} rules={[{ required: true, message: '请选择该事项的检查情况' }]} style={{ marginBottom: 8 }}>
                  <Radio.Group optionType="button" buttonStyle="solid" options={OUTCOMES} />
                </Form.Item>
                <Form.Item label="说明" name={[field.name, 'note']} style={{ marginBottom: 0 }}>
                  <Input placeholder="（选填）" />
                </Form.Item>
              </Card>
            );
          })
        }
      </Form.List>

      <Typography.Title level={5}>发现的隐患</Typography.Title>
      <Form.List name="hazards">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Card key={field.key} size="small" style={{ marginBottom: 12 }} id={`${name}-hazard-${field.name}`}>
                <Form.Item label="隐患描述" name={[field.name, 'description']} rules={[{ required: true, whitespace: true, message: '请描述隐患' }]}>
                  <Input.TextArea autoSize={{ minRows: 2 }} />
                </Form.Item>
                <Form.Item label="所属检查事项" name={[field.name, 'itemCode']}>
                  <Select allowClear placeholder="（选填）" options={drawnItems.map((c) => ({ value: c, label: itemName(c) }))} />
                </Form.Item>
                <Space wrap>
                  <Form.Item name={[field.name, 'major']} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>重大事故隐患</Checkbox>
                  </Form.Item>
                  <Form.Item name={[field.name, 'concealed']} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>隐瞒不报</Checkbox>
                  </Form.Item>
                  <Button danger onClick={() => remove(field.name)} id={`${name}-remove-hazard-${field.name}`}>删除此隐患</Button>
                </Space>
              </Card>
            ))}
            <Button onClick={() => add({ major: false, concealed: false })} block style={{ marginBottom: 16 }} id={`${name}-add-hazard`}>添加隐患</Button>
          </>
        )}
      </Form.List>

      <Typography.Title level={5}>处理</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="责令限期整改期限" name="rectificationDue">
            <Input type="date" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="行政处罚决定书文号" name="penaltyDecision">
            <Input placeholder="（有处罚时填写）" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="罚款（元）" name="penaltyFine">
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="移送" name="transferTo">
            <Select allowClear placeholder="（不移送）" options={TRANSFERS} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item label="接收单位" name="transferRecipient">
            <Input placeholder="（移送时填写）" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="检查情况小结" name="summary">
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} block id={`${name}-submit`}>{submitLabel}</Button>
    </Form>
  );
}
