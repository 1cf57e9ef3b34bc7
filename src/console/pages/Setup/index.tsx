import { useState } from 'react';
import { Alert, Card, Col, Row, Tabs, Typography } from 'antd';
import { useQuery } from 'urql';
import { Refusal } from '../../components/Refusal.tsx';
import { readSession } from '../../session.ts';
import { CreateJurisdiction } from './CreateJurisdiction.tsx';
import { FirstAdmin } from './FirstAdmin.tsx';
import { JurisdictionTree, visibleJurisdictions } from './JurisdictionTree.tsx';
import { PoolingPanel } from './PoolingPanel.tsx';
import { SetupJurisdictionsQuery } from './operations.ts';
import { TokensPanel } from './TokensPanel.tsx';
import { UsersPanel } from './UsersPanel.tsx';

/**
 * 设置: the operator creates jurisdictions and their first admins; an admin creates its
 * subordinates (and their first admins), and manages its own users, tokens, neighbours and pooling.
 */
export default function SetupPage() {
  const session = readSession()!;
  const own = session.user.jurisdiction?.code;
  const [{ data, error }, refetch] = useQuery({ query: SetupJurisdictionsQuery, requestPolicy: 'cache-and-network' });
  const all = data?.jurisdictions ?? [];
  const shown = visibleJurisdictions(all, own);
  const ownJurisdiction = all.find((j) => j.code === own);
  const [selected, setSelected] = useState<{ code: string; name: string }>();
  const picked = selected && selected.code !== own ? selected : undefined;

  return (
    <>
      <Typography.Title level={4}>设置</Typography.Title>
      <Refusal error={error} id="setup-error" />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card title={own ? '本辖区及下级辖区' : '本平台的辖区'} style={{ marginBottom: 16 }} id="setup-jurisdictions">
            {shown.length === 0 ? (
              <Alert type="info" showIcon title="还没有辖区：在右侧建立第一个" />
            ) : (
              <JurisdictionTree shown={shown} selected={selected?.code ?? own} onSelect={(code) => setSelected({ code, name: all.find((j) => j.code === code)?.name ?? code })} />
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              点击{own ? '下级' : ''}辖区，查看或设立它的管理员。
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {picked && <FirstAdmin key={picked.code} code={picked.code} name={picked.name} />}
          <CreateJurisdiction
            own={ownJurisdiction}
            shown={shown}
            onCreated={(code, name) => {
              refetch({ requestPolicy: 'network-only' });
              setSelected({ code, name });
            }}
          />
        </Col>
      </Row>
      {own && (
        <Card title={`${session.user.jurisdiction?.name ?? own} 的用户、令牌与相邻辖区`} id="setup-own">
          <Tabs
            items={[
              { key: 'users', label: <span id="setup-tab-users">用户</span>, children: <UsersPanel code={own} /> },
              { key: 'tokens', label: <span id="setup-tab-tokens">令牌</span>, children: <TokensPanel code={own} /> },
              { key: 'pooling', label: <span id="setup-tab-pooling">相邻辖区与联合抽取</span>, children: <PoolingPanel code={own} all={all} onRenamed={() => refetch({ requestPolicy: 'network-only' })} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
