import { useState } from 'react';
import { Alert, Button, Card, Collapse, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useMutation, type CombinedError } from 'urql';
import { PERMISSIONS } from '../../../server/auth/permissions.ts';
import { Refusal } from '../../components/Refusal.tsx';
import type { ConsoleCorrectionTaskQuery, Role } from '../../gql/graphql.ts';
import { readSession } from '../../session.ts';
import { shownFor, type Shown } from '../Results/outcome.ts';
import { initialValues, resultInputOf, type ResultFormValues } from '../Results/result-input.ts';
import { ResultForm } from '../Results/ResultForm.tsx';
import { ResultView } from '../Results/ResultView.tsx';
import { ObjectionsCard } from './ObjectionsCard.tsx';
import { CorrectResultMutation, PublishCorrectionMutation, SignCorrectionMutation } from './operations.ts';

export type CorrectionTask = Extract<NonNullable<ConsoleCorrectionTaskQuery['node']>, { __typename: 'Task' }>;
export type ResultVersion = CorrectionTask['results'][number];

interface CorrectionValues extends ResultFormValues {
  reason?: string;
  objection?: string;
}

/** The principal (单位主要负责人) signs corrections: PERMISSIONS.principal, as the server decides. */
function isPrincipal(): boolean {
  const role = readSession()?.user.role;
  return role !== undefined && (PERMISSIONS.principal as readonly Role[]).includes(role);
}

/**
 * One enterprise's published result: every version, newest first; a correction drafted with its
 * reason (optionally answering an upheld objection), the principal's signature, its publication;
 * and the objections.
 */
export function CorrectionPanel({ task, versions, onBack, onChanged }: { task: CorrectionTask; versions: readonly ResultVersion[]; onBack: () => void; onChanged: () => void }) {
  const [corrected, correct] = useMutation(CorrectResultMutation);
  const [signed, sign] = useMutation(SignCorrectionMutation);
  const [published, publish] = useMutation(PublishCorrectionMutation);
  const [shown, setShown] = useState<Shown>();
  const [notice, setNotice] = useState<string>();
  const [correcting, setCorrecting] = useState(false);
  const principal = isPrincipal();
  const latest = versions.at(-1)!;
  const pick = task.draw?.picks.find((p) => p.uscc === latest.uscc);
  const checklist = new Map((task.draw?.drawnItems ?? []).map((i) => [i.code, i]));
  const upheld = versions.flatMap((v) => v.objections).filter((o) => o.upheld && o.status === 'REVIEWED');

  function after(answer: { readonly __typename?: string } | null | undefined, result: { error?: CombinedError | undefined }, done: string) {
    const refused = shownFor(result, answer);
    setShown(refused);
    setNotice(refused ? undefined : done);
    if (!refused) onChanged();
  }

  async function submitCorrection(values: ResultFormValues) {
    const v = values as CorrectionValues;
    setShown(undefined);
    const result = await correct({ id: latest.id, input: resultInputOf(v), reason: v.reason?.trim() ?? '', objection: v.objection ?? null });
    after(result.data?.correctResult, result, `更正已拟定（第 ${latest.version + 1} 版），待单位主要负责人签字后公示`);
    if (result.data?.correctResult.__typename === 'InspectionResult') setCorrecting(false);
  }

  async function signIt() {
    const result = await sign({ id: latest.id });
    after(result.data?.signCorrection, result, '单位主要负责人已签字，可以公示更正');
  }

  async function publishIt() {
    const result = await publish({ id: latest.id });
    after(result.data?.publishResult, result, '更正已公示，原结果与更正均保持公开');
  }

  return (
    <div id="correction-panel">
      <Button onClick={onBack} style={{ marginBottom: 12 }} id="correction-back">返回列表</Button>
      <Typography.Title level={5} style={{ marginTop: 0 }}>{latest.enterpriseName}（{latest.uscc}）</Typography.Title>
      <Refusal refusal={shown?.refusal} error={shown?.error} id="correction-refusal" />
      {notice && <div id="correction-notice" style={{ marginBottom: 16 }}><Alert type="success" showIcon title={notice} /></div>}

      {latest.status === 'DRAFT' && latest.supersedes && (
        <Card size="small" style={{ marginBottom: 16 }} id="correction-draft" title={`更正（第 ${latest.version} 版，待公示）`}
          extra={latest.principalSigned ? <Tag color="green" id="principal-signed">负责人已签字</Tag> : <Tag color="orange" id="principal-signed">待负责人签字</Tag>}>
          <ResultView result={latest} checklist={checklist} />
          <Space wrap style={{ marginTop: 12 }}>
            {principal && !latest.principalSigned && <Button type="primary" loading={signed.fetching} onClick={signIt} id="sign-correction">单位主要负责人签字</Button>}
            {!principal && !latest.principalSigned && <Typography.Text type="secondary">更正须由单位主要负责人（管理员账号）签字。</Typography.Text>}
            <Button type={latest.principalSigned ? 'primary' : 'default'} loading={published.fetching} onClick={publishIt} id="publish-correction">公示更正</Button>
          </Space>
        </Card>
      )}

      <ObjectionsCard versions={versions} onShown={setShown} onNotice={(m) => { setShown(undefined); setNotice(m); onChanged(); }} />

      {latest.status === 'PUBLISHED' && !correcting && <Button block style={{ marginBottom: 16 }} onClick={() => setCorrecting(true)} id="correction-start">更正此结果（第 {latest.version} 版）</Button>}
      {latest.status === 'PUBLISHED' && correcting && pick && task.draw && (
        <Card size="small" style={{ marginBottom: 16 }} title={`更正已公示的结果（第 ${latest.version} 版）`} extra={<Button size="small" onClick={() => setCorrecting(false)} id="correction-cancel">取消</Button>}>
          <ResultForm
            key={latest.id}
            name="correction"
            categories={task.draw.resultCategories}
            nonCooperation={task.draw.nonCooperation}
            checklist={checklist}
            drawnItems={pick.items}
            initial={initialValues(pick.items, task.inspectionDate, latest)}
            submitLabel="拟定更正"
            submitting={corrected.fetching}
            onSubmit={submitCorrection}
            before={
              <>
                <Form.Item label="更正理由" name="reason" rules={[{ required: true, whitespace: true, message: '请写明更正理由' }]}>
                  <Input.TextArea autoSize={{ minRows: 2 }} />
                </Form.Item>
                {upheld.length > 0 && (
                  <Form.Item label="因异议更正（复核认定确有错误的异议）" name="objection">
                    <Select allowClear placeholder="（不是因异议而更正）" options={upheld.map((o) => ({ value: o.id, label: `${o.receivedOn} ${o.filedBy}：${o.grounds}` }))} />
                  </Form.Item>
                )}
              </>
            }
          />
        </Card>
      )}

      <Card size="small" title="各版本" style={{ marginBottom: 16 }} id="correction-versions">
        <Collapse
          defaultActiveKey={[latest.id]}
          items={[...versions].reverse().map((v) => ({ key: v.id, label: `第 ${v.version} 版（${v.status === 'PUBLISHED' ? '已公示' : '草稿'}）${v.correctionReason ? `：${v.correctionReason}` : ''}`, children: <ResultView result={v} checklist={checklist} /> }))}
        />
      </Card>
    </div>
  );
}
