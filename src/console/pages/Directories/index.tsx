import { useState } from 'react';
import { Alert, Tabs, Typography } from 'antd';
import { access } from '../../access.ts';
import { readSession } from '../../session.ts';
import type { DirectoryTab } from './fields.ts';
import { ChecklistList, EnterpriseList, ExpertList, InspectorList } from './lists.tsx';
import { SectorMatches } from './SectorMatches.tsx';
import { SectorVocabulary } from './SectorVocabulary.tsx';
import { ChecklistTally } from './ChecklistTally.tsx';

/** The four directories, the sector vocabulary (行业领域), and the table of how the checklist's 检查对象 matched sectors. */
type Tab = DirectoryTab | 'sectors' | 'sector-matches';

const TABS: { key: Tab; label: string }[] = [
  { key: 'enterprises', label: '市场主体名录库' },
  { key: 'inspectors', label: '执法检查人员名录库' },
  { key: 'experts', label: '专家库' },
  { key: 'checklist', label: '抽查事项清单' },
  { key: 'sectors', label: '行业领域' },
  { key: 'sector-matches', label: '检查对象匹配' },
];

const isTab = (value: string | null): value is Tab => TABS.some((t) => t.key === value);

/**
 * 名录库 (一单两库): the four directories of the jurisdiction, one tab each, a page at a time.
 * Every member reads them; admins and planners add, edit, deactivate and import. 行业领域 and
 * 检查对象匹配 are the vocabulary they use: admins extend and correct it. The tab is kept
 * in the address (?tab=) so a reload or a link opens the same one.
 */
export default function DirectoriesPage() {
  const session = readSession();
  const initial = new URLSearchParams(location.search).get('tab');
  const [tab, setTab] = useState<Tab>(isTab(initial) ? initial : 'enterprises');
  if (session && !session.user.jurisdiction) return <Alert type="info" showIcon title="平台管理员不属于任何辖区，没有名录" />;
  const canEdit = access(session?.user).canEditDirectories;
  const canCorrect = access(session?.user).canCorrectSectorMatches;
  function choose(key: string) {
    setTab(key as Tab);
    history.replaceState(null, '', `${location.pathname}?tab=${key}`);
  }
  const lists: Record<Tab, React.ReactNode> = {
    enterprises: <EnterpriseList canEdit={canEdit} />,
    inspectors: <InspectorList canEdit={canEdit} />,
    experts: <ExpertList canEdit={canEdit} />,
    checklist: <><ChecklistList canEdit={canEdit} /><ChecklistTally /></>,
    sectors: <SectorVocabulary canEdit={canCorrect} />,
    'sector-matches': <SectorMatches canCorrect={canCorrect} />,
  };
  return (
    <>
      <Typography.Title level={4}>名录库（一单两库）</Typography.Title>
      <Tabs id="directory-tabs" activeKey={tab} onChange={choose} destroyOnHidden items={TABS.map((t) => ({ key: t.key, label: <span id={`tab-${t.key}`}>{t.label}</span>, children: lists[t.key] }))} />
    </>
  );
}
