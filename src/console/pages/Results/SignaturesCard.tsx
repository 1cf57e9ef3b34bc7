import { Button, Card, List, Tag, Typography } from 'antd';
import { beijingDateTime } from '../../components/beijing-time.ts';
import type { ConsoleResultFieldsFragment } from '../../gql/graphql.ts';

interface Props {
  readonly result: ConsoleResultFieldsFragment;
  /** The logged-in user's own inspector: they sign as themselves; undefined for a clerk, who records paper signatures. */
  readonly myInspectorId: string | undefined;
  readonly signing: boolean;
  /** A published version: who signed, no more signing. */
  readonly readOnly?: boolean;
  /** null: sign as oneself; an id: the inspector whose paper signature is recorded. */
  readonly onSign: (inspector: string | null) => void;
}

/** 签字: who of the team must sign this version (the pack's rule), who has, and how (in person or on paper). */
export function SignaturesCard({ result, myInspectorId, signing, readOnly = false, onSign }: Props) {
  const missing = result.signers.filter((s) => !s.signed).length;
  return (
    <Card title="检查组签字" size="small" style={{ marginBottom: 16 }} id="signers" extra={missing ? <Tag color="orange">还缺 {missing} 人</Tag> : <Tag color="green">已全部签字</Tag>}>
      {!readOnly && <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>签字针对本版内容；修改结果后，此前的签字不再有效，须重新签字。</Typography.Paragraph>}
      <List
        dataSource={result.signers}
        rowKey={(s) => s.person.id}
        renderItem={(s, index) => {
          const mine = myInspectorId === s.person.id;
          const action = s.signed || readOnly
            ? null
            : myInspectorId
              ? mine && <Button type="primary" loading={signing} onClick={() => onSign(null)} id="sign-self">本人签字</Button>
              : <Button loading={signing} onClick={() => onSign(s.person.id)} id={`sign-paper-${s.person.id}`}>登记纸面签字</Button>;
          return (
            <List.Item actions={action ? [action] : []} id={`signer-${index}`}>
              <List.Item.Meta
                title={<>{s.person.name}{index === 0 ? '（组长）' : ''}{mine ? '（本人）' : ''}</>}
                description={s.signed ? <><Tag color="green">已签字</Tag>{s.inPerson ? '本人签字' : '纸面签字，工作人员登记'} {beijingDateTime(s.signedAt)}</> : <Tag>未签字</Tag>}
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
