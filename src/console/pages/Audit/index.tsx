import { useState } from 'react';
import { Alert, Button, Card, Result, Table, Tag, Typography } from 'antd';
import { useClient, useQuery } from 'urql';
import { beijingDateTime } from '../../components/beijing-time.ts';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { Refusal } from '../../components/Refusal.tsx';
import { AUDIT_ACTION_LABELS, AUDIT_BREAK_LABELS, AUDIT_SUBJECT_LABELS } from '../../locale/labels.ts';
import { AuditHeadQuery, AuditTrailQuery, VerifyAuditTrailQuery } from './operations.ts';
import type { ConsoleVerifyAuditTrailQuery } from '../../gql/graphql.ts';

const PAGE_SIZE = 20;

type Verification = Extract<ConsoleVerifyAuditTrailQuery['verifyAuditTrail'], { __typename: 'QueryVerifyAuditTrailSuccess' }>['data'];

/** A few words naming what an entry is about, from its payload (a title, a username, a code). */
function subjectOf(subjectType: string, payload: unknown): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  const named = [p.title, p.name, p.username, p.uscc, p.code, p.neighbour].find((v): v is string => typeof v === 'string' && v.length > 0);
  const kind = AUDIT_SUBJECT_LABELS[subjectType] ?? subjectType;
  return named ? `${kind}：${named}` : kind;
}

/** 审计: the jurisdiction's hash-chained audit trail, newest first, and a check that it is intact. */
export default function AuditPage() {
  const jurisdiction = sessionJurisdiction();
  const [page, setPage] = useState(1);
  const [{ data: head, error: headError }] = useQuery({ query: AuditHeadQuery, variables: { jurisdiction }, requestPolicy: 'network-only' });
  const total = head?.jurisdiction?.auditSeq ?? 0;
  // Entries are numbered 1…total without gaps: page p (newest first) holds the numbers above `after`.
  const after = Math.max(0, total - page * PAGE_SIZE);
  const first = Math.max(0, total - (page - 1) * PAGE_SIZE - after);
  const [{ data, fetching, error }] = useQuery({ query: AuditTrailQuery, variables: { jurisdiction, after, first }, pause: !head });
  const trail = data?.auditTrail;
  const entries = trail?.__typename === 'AuditTrailPage' ? [...trail.entries].reverse() : [];

  const client = useClient();
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<Verification>();
  const [verifyRefusal, setVerifyRefusal] = useState<{ message: string }>();
  async function verify() {
    setVerifying(true);
    setVerification(undefined);
    setVerifyRefusal(undefined);
    const answer = await client.query(VerifyAuditTrailQuery, { jurisdiction }, { requestPolicy: 'network-only' }).toPromise();
    setVerifying(false);
    const v = answer.data?.verifyAuditTrail;
    if (v?.__typename === 'QueryVerifyAuditTrailSuccess') setVerification(v.data);
    else if (v) setVerifyRefusal({ message: v.message });
    else setVerifyRefusal({ message: answer.error?.graphQLErrors[0]?.message ?? '无法连接服务器' });
  }

  if (!jurisdiction) return <Result status="info" title="平台管理员不属于任何辖区，没有审计记录" />;
  return (
    <>
      <Typography.Title level={4}>审计记录</Typography.Title>
      <Card
        style={{ marginBottom: 16 }}
        title="核验审计链"
        extra={<Button type="primary" id="audit-verify" loading={verifying} onClick={verify}>核验审计记录</Button>}
      >
        <Typography.Paragraph type="secondary">每条记录都含有前一条记录的哈希值；核验时服务器重新计算整条链，任何在应用之外的改动、删除或重接都会被发现。</Typography.Paragraph>
        <div id="audit-verification">
          {verifyRefusal && <Refusal refusal={verifyRefusal} id="audit-verify-refusal" />}
          {verification?.valid && <Alert type="success" showIcon title={`审计记录完整：共 ${verification.entries} 条，末条哈希 ${verification.head ?? '（无）'}`} />}
          {verification && !verification.valid && (
            <Alert
              type="error"
              showIcon
              title={`审计记录已被破坏：共 ${verification.entries} 条，发现 ${verification.breaks.length} 处问题`}
              description={<ul style={{ margin: 0, paddingLeft: 20 }}>{verification.breaks.map((b) => <li key={`${b.kind}:${b.seq}`}>{AUDIT_BREAK_LABELS[b.kind] ?? b.kind}：{b.message}</li>)}</ul>}
            />
          )}
        </div>
      </Card>
      <Card title={`审计记录（共 ${total} 条，最新在前）`} id="audit-card">
        <Refusal error={headError ?? error} id="audit-error" />
        {trail && trail.__typename !== 'AuditTrailPage' && <Refusal refusal={trail} id="audit-refusal" />}
        <Table
          id="audit-trail"
          rowKey="seq"
          size="small"
          loading={fetching}
          dataSource={entries}
          pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 80 },
            { title: '时间（北京时间）', dataIndex: 'at', width: 170, render: (at: string) => beijingDateTime(at) },
            // An API token's actor is written token:<its name>; the clerk reads the name.
            { title: '操作人', dataIndex: 'actor', render: (a: string) => a.replace(/^token:/, '') },
            { title: '操作', dataIndex: 'action', render: (a: string) => (AUDIT_ACTION_LABELS[a] ? <Tag>{AUDIT_ACTION_LABELS[a]}</Tag> : a) },
            { title: '对象', key: 'subject', render: (_, e) => subjectOf(e.subjectType, e.payload) },
            { title: '哈希', dataIndex: 'hash', render: (h: string) => <Typography.Text code copyable={{ text: h }}>{h.slice(0, 12)}…</Typography.Text> },
          ]}
        />
      </Card>
    </>
  );
}
