import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Popconfirm, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { Refusal } from '../../components/Refusal.tsx';
import { RESULT_STATUS_LABELS, TASK_STATUS_LABELS } from '../../locale/labels.ts';
import { EventsCard } from './EventsCard.tsx';
import { EnterpriseResultQuery, PublishResultMutation, RecordResultMutation, SignResultMutation, UpdateResultMutation } from './operations.ts';
import { shownFor, type Shown } from './outcome.ts';
import { initialValues, resultInputOf, type ResultFormValues } from './result-input.ts';
import { ResultForm } from './ResultForm.tsx';
import { ResultView } from './ResultView.tsx';
import { SignaturesCard } from './SignaturesCard.tsx';

interface Props {
  readonly taskId: string;
  readonly uscc: string;
  /** The user's own inspector (signs as themselves); undefined for a clerk entering for the team. */
  readonly myInspectorId: string | undefined;
  readonly onBack: () => void;
}

/**
 * One drawn enterprise: its team, the result form (录入 / 修改) while the original is a draft,
 * the team's signatures, 公示, and the events that follow. A correction is made on 更正与异议.
 */
export function ResultPanel({ taskId, uscc, myInspectorId, onBack }: Props) {
  const [{ data, fetching, error }, reload] = useQuery({ query: EnterpriseResultQuery, variables: { task: taskId }, requestPolicy: 'cache-and-network' });
  const [recorded, record] = useMutation(RecordResultMutation);
  const [updated, update] = useMutation(UpdateResultMutation);
  const [signed, sign] = useMutation(SignResultMutation);
  const [published, publish] = useMutation(PublishResultMutation);
  const [shown, setShown] = useState<Shown>();
  const [notice, setNotice] = useState<string>();

  const task = data?.node?.__typename === 'Task' ? data.node : undefined;
  if (!task) return fetching ? <Spin style={{ display: 'block', margin: 48 }} /> : <Refusal error={error} refusal={error ? undefined : { message: '找不到该任务' }} />;
  const pick = task.draw?.picks.find((p) => p.uscc === uscc);
  if (!task.draw || !pick) return <Alert type="warning" showIcon title="该企业不在此任务的抽取结果中" />;
  const versions = task.results.filter((r) => r.uscc === uscc).sort((a, b) => a.version - b.version);
  const latest = versions.at(-1);
  const checklist = new Map(task.draw.drawnItems.map((i) => [i.code, i]));
  const original = !latest || !latest.supersedes;
  const editable = original && latest?.status !== 'PUBLISHED';

  function after(answer: { readonly __typename?: string } | null | undefined, result: { error?: CombinedError | undefined }, done: string) {
    const refused = shownFor(result, answer);
    setShown(refused);
    if (refused) return setNotice(undefined);
    setNotice(done);
    reload({ requestPolicy: 'network-only' });
  }

  async function save(values: ResultFormValues) {
    setShown(undefined);
    const input = resultInputOf(values);
    if (latest) {
      const result = await update({ id: latest.id, input });
      after(result.data?.updateResult, result, '已保存修改：此前的签字不再有效，请检查组重新签字');
    } else {
      const result = await record({ task: taskId, uscc, input });
      after(result.data?.recordResult, result, '检查结果已录入，请检查组签字');
    }
  }

  async function signAs(inspector: string | null) {
    if (!latest) return;
    const result = await sign({ id: latest.id, inspector });
    after(result.data?.signResult, result, inspector ? '已登记纸面签字' : '您已签字');
  }

  async function doPublish() {
    if (!latest) return;
    const result = await publish({ id: latest.id });
    after(result.data?.publishResult, result, '检查结果已公示');
  }

  const team = pick.team;
  return (
    <div id="result-panel">
      <Button onClick={onBack} style={{ marginBottom: 12 }} id="result-back">返回列表</Button>
      <Card size="small" style={{ marginBottom: 16 }} id="result-enterprise">
        <Typography.Title level={5} style={{ marginTop: 0 }}>{pick.enterpriseName ?? uscc}</Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="统一社会信用代码">{uscc}</Descriptions.Item>
          <Descriptions.Item label="任务">{task.title}（{TASK_STATUS_LABELS[task.status]}）</Descriptions.Item>
          <Descriptions.Item label="组长">{team.leader.name}</Descriptions.Item>
          <Descriptions.Item label="组员">{team.members.filter((m) => m.id !== team.leader.id).map((m) => m.name).join('、') || '—'}</Descriptions.Item>
          {team.experts.length > 0 && <Descriptions.Item label="专家">{team.experts.map((m) => m.name).join('、')}</Descriptions.Item>}
          <Descriptions.Item label="结果">{latest ? <Tag color={latest.status === 'PUBLISHED' ? 'green' : 'blue'} id="result-status">第 {latest.version} 版 {RESULT_STATUS_LABELS[latest.status]}</Tag> : <Tag id="result-status">未录入</Tag>}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Refusal refusal={shown?.refusal} error={shown?.error} id="result-refusal" />
      {notice && <div id="result-notice" style={{ marginBottom: 16 }}><Alert type="success" showIcon title={notice} /></div>}

      {latest && latest.status === 'DRAFT' && original && (
        <>
          <SignaturesCard result={latest} myInspectorId={myInspectorId} signing={signed.fetching} onSign={signAs} />
          <Card size="small" style={{ marginBottom: 16 }}>
            <Popconfirm title="公示后结果不能修改，只能更正。确定公示？" okText="公示" cancelText="取消" okButtonProps={{ id: 'publish-confirm' }} onConfirm={doPublish}>
              <Button type="primary" block loading={published.fetching} id="publish-result">公示检查结果</Button>
            </Popconfirm>
          </Card>
        </>
      )}
      {latest && latest.status === 'PUBLISHED' && original && <SignaturesCard result={latest} myInspectorId={myInspectorId} signing={false} readOnly onSign={() => undefined} />}
      {latest && !original && latest.status === 'DRAFT' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`第 ${latest.version} 版是对已公示结果的更正，须经单位主要负责人签字后公示：请在“更正与异议”中处理`} />}

      {editable ? (
        <Card title={latest ? '修改检查结果' : '录入检查结果'} size="small" style={{ marginBottom: 16 }}>
          <ResultForm
            key={latest?.id ?? 'new'}
            name="result"
            categories={task.draw.resultCategories}
            nonCooperation={task.draw.nonCooperation}
            checklist={checklist}
            drawnItems={pick.items}
            initial={initialValues(pick.items, task.inspectionDate, latest)}
            submitLabel={latest ? '保存修改' : '录入结果'}
            submitting={recorded.fetching || updated.fetching}
            onSubmit={save}
          />
        </Card>
      ) : (
        latest && <Card title={`检查结果（第 ${latest.version} 版）`} size="small" style={{ marginBottom: 16 }}><ResultView result={latest} checklist={checklist} id="result-view" /></Card>
      )}
      {latest && <EventsCard resultId={latest.id} events={latest.events} onShown={setShown} onDone={(m) => { setShown(undefined); setNotice(m); reload({ requestPolicy: 'network-only' }); }} />}
    </div>
  );
}
