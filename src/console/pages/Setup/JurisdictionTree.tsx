import { Tree } from 'antd';
import type { ConsoleSetupJurisdictionsQuery } from '../../gql/graphql.ts';
import { JURISDICTION_LEVEL_LABELS } from '../../locale/labels.ts';

export type SetupJurisdiction = ConsoleSetupJurisdictionsQuery['jurisdictions'][number];

interface TreeNode {
  readonly key: string;
  readonly title: string;
  readonly children: TreeNode[];
}

/**
 * The jurisdictions the user may see, as a tree: the operator the whole installation, an admin
 * its own jurisdiction and everything below it. A jurisdiction whose parent is not shown is a root.
 */
export function visibleJurisdictions(all: readonly SetupJurisdiction[], own: string | undefined): SetupJurisdiction[] {
  if (!own) return [...all];
  const below = new Set([own]);
  // Parents come before children in code order (GB/T 2260), so one pass over the sorted list finds the subtree.
  for (const j of [...all].sort((a, b) => a.code.localeCompare(b.code))) if (j.parent && below.has(j.parent.code)) below.add(j.code);
  return all.filter((j) => below.has(j.code));
}

function treeOf(shown: readonly SetupJurisdiction[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>(shown.map((j) => [j.code, { key: j.code, title: `${j.name}（${j.code}，${JURISDICTION_LEVEL_LABELS[j.level]}）`, children: [] }]));
  const roots: TreeNode[] = [];
  for (const j of shown) {
    const parent = j.parent ? nodes.get(j.parent.code) : undefined;
    (parent ? parent.children : roots).push(nodes.get(j.code)!);
  }
  return roots;
}

/** 辖区树: click a jurisdiction to appoint its first admin (or, for one's own, manage it). */
export function JurisdictionTree({ shown, selected, onSelect }: { shown: readonly SetupJurisdiction[]; selected: string | undefined; onSelect: (code: string) => void }) {
  const data = treeOf(shown);
  return (
    <div id="setup-jurisdiction-tree">
      <Tree
        // Remounted when the set changes, so a new jurisdiction shows expanded.
        key={shown.map((j) => j.code).join(',')}
        defaultExpandAll
        blockNode
        treeData={data}
        selectedKeys={selected ? [selected] : []}
        onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
      />
    </div>
  );
}
