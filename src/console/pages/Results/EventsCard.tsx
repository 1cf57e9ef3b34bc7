import { Button, Card, Col, Form, Input, List, Radio, Row, Select, Tag } from 'antd';
import { useMutation } from 'urql';
import { beijingToday } from '../../components/beijing-time.ts';
import type { ConsoleResultFieldsFragment, ResultEventKind } from '../../gql/graphql.ts';
import { RESULT_EVENT_KIND_LABELS } from '../../locale/labels.ts';
import { RecordResultEventMutation } from './operations.ts';
import { shownFor, type Shown } from './outcome.ts';

interface EventValues {
  kind: ResultEventKind;
  occurredOn: string;
  rectified?: boolean;
  note?: string;
}

const KINDS = Object.entries(RESULT_EVENT_KIND_LABELS).map(([value, label]) => ({ value: value as ResultEventKind, label }));

/**
 * 后续事项: the dates of what followed the inspection (report, written feedback, the enterprise's
 * opinion, end of handling, 复查 with whether it was rectified), which the deadlines run from.
 */
export function EventsCard({ resultId, events, onShown, onDone }: { resultId: string; events: ConsoleResultFieldsFragment['events']; onShown: (shown: Shown | undefined) => void; onDone: (message: string) => void }) {
  const [form] = Form.useForm<EventValues>();
  const [{ fetching }, record] = useMutation(RecordResultEventMutation);
  const kind = Form.useWatch('kind', form);

  async function submit(v: EventValues) {
    onShown(undefined);
    const result = await record({ result: resultId, kind: v.kind, occurredOn: v.occurredOn, rectified: v.kind === 'FOLLOW_UP' ? v.rectified ?? null : null, note: v.note?.trim() || null });
    const shown = shownFor(result, result.data?.recordResultEvent);
    if (shown) return onShown(shown);
    onDone(`已登记：${RESULT_EVENT_KIND_LABELS[v.kind]}（${v.occurredOn}）`);
    form.resetFields();
  }

  return (
    <Card title="后续事项" size="small" style={{ marginBottom: 16 }} id="result-events">
      {events.length > 0 && (
        <List
          size="small"
          style={{ marginBottom: 12 }}
          dataSource={events}
          renderItem={(e) => (
            <List.Item>
              <span>{e.occurredOn} {RESULT_EVENT_KIND_LABELS[e.kind]}{e.note ? `（${e.note}）` : ''}</span>
              {e.rectified !== null && e.rectified !== undefined && <Tag color={e.rectified ? 'green' : 'red'}>{e.rectified ? '已整改' : '未整改'}</Tag>}
            </List.Item>
          )}
        />
      )}
      <Form<EventValues> form={form} name="event" layout="vertical" onFinish={submit} initialValues={{ occurredOn: beijingToday() }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="事项" name="kind" rules={[{ required: true, message: '请选择事项' }]}>
              <Select placeholder="请选择" options={KINDS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="日期" name="occurredOn" rules={[{ required: true, message: '请填写日期' }]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          {kind === 'FOLLOW_UP' && (
            <Col xs={24} md={8}>
              <Form.Item label="隐患是否已整改" name="rectified" rules={[{ required: true, message: '请说明是否已整改' }]}>
                <Radio.Group options={[{ value: true, label: '已整改' }, { value: false, label: '未整改' }]} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item label="备注" name="note">
          <Input />
        </Form.Item>
        <Button htmlType="submit" loading={fetching} block id="event-submit">登记</Button>
      </Form>
    </Card>
  );
}
