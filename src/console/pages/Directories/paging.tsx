import { useState } from 'react';
import { Button, Space, Typography } from 'antd';

export const PAGE_SIZE = 20;

/**
 * Server paging with the connection's cursors: page k asks for `first` after the end cursor of
 * page k-1, so no page costs more than its rows. The cursors already seen make 上一页 possible.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (endCursor: string | null | undefined) => endCursor && setCursors((c) => [...c, endCursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    /** Back to page 1: a filter changed. */
    reset: () => setCursors([null]),
  };
}

export function Pager({ id, pages, totalCount, hasNextPage, endCursor }: { id: string; pages: ReturnType<typeof useCursorPages>; totalCount: number; hasNextPage: boolean; endCursor: string | null | undefined }) {
  const last = Math.max(1, Math.ceil(totalCount / PAGE_SIZE));
  return (
    <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }} id={`${id}-pager`}>
      <Typography.Text id={`${id}-total`}>共 {totalCount} 条，第 {pages.page} / {last} 页</Typography.Text>
      <Button id={`${id}-previous`} disabled={pages.page === 1} onClick={pages.previous}>上一页</Button>
      <Button id={`${id}-next`} disabled={!hasNextPage} onClick={() => pages.next(endCursor)}>下一页</Button>
    </Space>
  );
}
