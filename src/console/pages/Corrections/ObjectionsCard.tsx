import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Form, Input, List, Radio, Space, Tag } from 'antd';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { beijingToday } from '../../components/beijing-time.ts';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import type { TaskDeadlineKind } from '../../gql/graphql.ts';
import { DEADLINE_KIND_LABELS, DEADLINE_STATUS_LABELS, OBJECTION_STATUS_LABELS } from '../../locale/labels.ts';
import { shownFor, type Shown } from '../Results/outcome.ts';
import type { ResultVersion } from './CorrectionPanel.tsx';
import { rawId } from './node-id.ts';
import { AnswerObjectionMutation, FileObjectionMutation, ObjectionDeadlinesQuery, ReviewObjectionMutation } from './operations.ts';

const OBJECTION_KINDS: readonly TaskDeadlineKind[] = ['OBJECTION_REVIEW', 'OBJECTION_ANSWER'];
const STATUS_COLOURS: Record<string, string> = { OVERDUE: 'red', DUE_SOON: 'orange', DONE: 'green', LATE: 'volcano' };

interface FileValues { receivedOn: string; filedBy: string; grounds: string }
interface ReviewValues { reviewedOn: string; upheld: boolean; note: string }
interface AnswerValues { answeredOn: string; answer: string }

/**
 * 异议: the enterprise's objections to this result (every version), each with its periods (异议复核
 * from receipt, 复核反馈 from the review, in the pack's working days), and the clerk's three steps:
 * register it as received, record the review (upheld: a correction follows), record the answer.
 */
export function ObjectionsCard({ versions, onShown, onNotice }: { versions: readonly ResultVersion[]; onShown: (s: Shown | undefined) => void; onNotice: (m: string) => void }) {
  const [{ data }, reloadDeadlines] = useQuery({ query: ObjectionDeadlinesQuery, variables: { jurisdiction: sessionJurisdiction() }, requestPolicy: 'cache-and-network' });
  const [filed, file] = useMutation(FileObjectionMutation);
  const [reviewed, review] = useMutation(ReviewObjectionMutation);
  const [answered, answer] = useMutation(AnswerObjectionMutation);
  const [acting, setActing] = useState<{ id: string; step: 'review' | 'answer' }>();
  const [filing, setFiling] = useState(false);
  const [fileForm] = Form.useForm<FileValues>();

  const deadlines = data?.jurisdiction?.deadlines.__typename === 'JurisdictionDeadlinesSuccess' ? data.jurisdiction.deadlines.data.filter((d) => d.subjectType === 'objection' && OBJECTION_KINDS.includes(d.kind)) : [];
  const periodsOf = (objectionId: string) => deadlines.filter((d) => d.subjectId === rawId(objectionId)).sort((a, b) => OBJECTION_KINDS.indexOf(a.kind) - OBJECTION_KINDS.indexOf(b.kind));
  const objections = versions.flatMap((v) => v.objections.map((o) => ({ ...o, version: v.version }))).sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
  const target = [...versions].reverse().find((v) => v.status === 'PUBLISHED');

  function done(answerValue: { readonly __typename?: string } | null | undefined, result: { error?: CombinedError | undefined }, message: string): boolean {
    const refused = shownFor(result, answerValue);
    onShown(refused);
    if (refused) return false;
    setActing(undefined);
    onNotice(message);
    reloadDeadlines({ requestPolicy: 'network-only' });
    return true;
  }

  async function submitFile(v: FileValues) {
    if (!target) return;
    const result = await file({ result: target.id, receivedOn: v.receivedOn, filedBy: v.filedBy.trim(), grounds: v.grounds.trim() });
    if (done(result.data?.fileObjection, result, `异议已登记（${v.receivedOn} 收到）`)) {
      fileForm.resetFields();
      setFiling(false);
    }
  }

  async function submitReview(id: string, v: ReviewValues) {
    const result = await review({ id, reviewedOn: v.reviewedOn, upheld: v.upheld, note: v.note.trim() });
    done(result.data?.reviewObjection, result, v.upheld ? '复核认定原结果确有错误：请拟定更正并关联此异议，公示后再答复' : '复核结论已登记：维持原结果，请答复企业');
  }

  async function submitAnswer(id: string, v: AnswerValues) {
    const result = await answer({ id, answeredOn: v.answeredOn, answer: v.answer.trim() });
    done(result.data?.answerObjection, result, '答复已登记');
  }

  return (
    <Card size="small" title={`异议（${objections.length}）`} style={{ marginBottom: 16 }} id="objections">
      <List
        dataSource={objections}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有异议" /> }}
        renderItem={(o, index) => (
          <List.Item id={`objection-${index}`} style={{ display: 'block' }}>
            <Space wrap style={{ marginBottom: 8 }}>
              <Tag color={o.status === 'ANSWERED' ? 'green' : 'orange'}>{OBJECTION_STATUS_LABELS[o.status] ?? o.status}</Tag>
              <span>针对第 {o.version} 版</span>
              {o.upheld !== null && o.upheld !== undefined && <Tag color={o.upheld ? 'red' : 'default'}>{o.upheld ? '确有错误' : '维持原结果'}</Tag>}
            </Space>
            <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
              <Descriptions.Item label="收到日期">{o.receivedOn}</Descriptions.Item>
              <Descriptions.Item label="提出人">{o.filedBy}</Descriptions.Item>
              <Descriptions.Item label="异议理由" span={2}>{o.grounds}</Descriptions.Item>
              {o.reviewedOn && <Descriptions.Item label="复核">{o.reviewedOn}：{o.reviewNote}</Descriptions.Item>}
              {o.answeredOn && <Descriptions.Item label="答复">{o.answeredOn}：{o.answer}</Descriptions.Item>}
              {periodsOf(o.id).map((d) => (
                <Descriptions.Item key={d.kind} label={`${DEADLINE_KIND_LABELS[d.kind]}期限`}>
                  <span id={`objection-${index}-${d.kind === 'OBJECTION_REVIEW' ? 'review' : 'answer'}-due`}>{d.due}</span> <Tag color={STATUS_COLOURS[d.status]}>{DEADLINE_STATUS_LABELS[d.status]}</Tag>{d.clause ? `（${d.clause}）` : ''}
                </Descriptions.Item>
              ))}
            </Descriptions>
            <Space wrap>
              {o.status === 'RECEIVED' && <Button onClick={() => setActing({ id: o.id, step: 'review' })} id={`objection-review-${index}`}>登记复核结论</Button>}
              {o.status === 'REVIEWED' && <Button onClick={() => setActing({ id: o.id, step: 'answer' })} id={`objection-answer-${index}`}>登记答复</Button>}
            </Space>
            {acting?.id === o.id && acting.step === 'review' && (
              <Form<ReviewValues> name="review" layout="vertical" style={{ marginTop: 12 }} initialValues={{ reviewedOn: beijingToday() }} onFinish={(v) => submitReview(o.id, v)}>
                <Form.Item label="复核日期" name="reviewedOn" rules={[{ required: true, message: '请填写复核日期' }]}><Input type="date" /></Form.Item>
                <Form.Item label="复核结论" name="upheld" rules={[{ required: true, message: '请选择复核结论' }]}>
                  <Radio.Group options={[{ value: true, label: '原结果确有错误（须更正）' }, { value: false, label: '维持原结果' }]} />
                </Form.Item>
                <Form.Item label="复核意见" name="note" rules={[{ required: true, whitespace: true, message: '请写明复核意见' }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
                <Button type="primary" htmlType="submit" loading={reviewed.fetching} id="review-submit">登记复核</Button>
              </Form>
            )}
            {acting?.id === o.id && acting.step === 'answer' && (
              <Form<AnswerValues> name="answer" layout="vertical" style={{ marginTop: 12 }} initialValues={{ answeredOn: beijingToday() }} onFinish={(v) => submitAnswer(o.id, v)}>
                <Form.Item label="答复日期" name="answeredOn" rules={[{ required: true, message: '请填写答复日期' }]}><Input type="date" /></Form.Item>
                <Form.Item label="答复内容" name="answer" rules={[{ required: true, whitespace: true, message: '请写明答复内容' }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
                <Button type="primary" htmlType="submit" loading={answered.fetching} id="answer-submit">登记答复</Button>
              </Form>
            )}
          </List.Item>
        )}
      />
      {target && !filing && <Button block onClick={() => setFiling(true)} id="objection-start">登记企业提出的异议</Button>}
      {target && filing && (
        <Form<FileValues> form={fileForm} name="objection" layout="vertical" style={{ marginTop: 16 }} initialValues={{ receivedOn: beijingToday() }} onFinish={submitFile}>
          <Form.Item label="收到异议日期" name="receivedOn" rules={[{ required: true, message: '请填写收到日期' }]}><Input type="date" /></Form.Item>
          <Form.Item label="提出异议的企业或代理人" name="filedBy" rules={[{ required: true, whitespace: true, message: '请填写提出人' }]}><Input /></Form.Item>
          <Form.Item label="异议理由" name="grounds" rules={[{ required: true, whitespace: true, message: '请写明异议理由' }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
          <Button htmlType="submit" loading={filed.fetching} block id="objection-submit">登记异议（针对第 {target.version} 版）</Button>
        </Form>
      )}
    </Card>
  );
}
