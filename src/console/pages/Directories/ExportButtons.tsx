import { useState } from 'react';
import { Alert, Dropdown, Button } from 'antd';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import { readSession } from '../../session.ts';
import type { DirectoryTab } from './fields.ts';

type Format = 'csv' | 'csv-gbk' | 'xlsx';

const FORMATS: { key: Format; label: string }[] = [
  { key: 'xlsx', label: 'Excel（XLSX）' },
  { key: 'csv', label: 'CSV（UTF-8）' },
  { key: 'csv-gbk', label: 'CSV（GBK，旧版 Excel）' },
];

/**
 * Downloads /export/<code>/<kind>.<csv|xlsx> with the session's token in the Authorization header
 * (the export holds personal data in full: members only) and hands the file over as a Blob URL, so
 * the token never appears in a URL, a history entry or a server log.
 */
async function download(tab: DirectoryTab, format: Format): Promise<string | undefined> {
  const code = sessionJurisdiction();
  const ext = format === 'xlsx' ? 'xlsx' : 'csv';
  const response = await fetch(`/export/${code}/${tab}.${ext}${format === 'csv-gbk' ? '?encoding=gb18030' : ''}`, { headers: { authorization: `Bearer ${readSession()?.token ?? ''}` } });
  if (!response.ok) return `导出失败（${response.status}）：${(await response.text()).trim()}`;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${code}-${tab}.${ext}`;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has the file once the click is handled; keep the URL a moment for slow machines.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return undefined;
}

export function ExportButtons({ tab }: { tab: DirectoryTab }) {
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function run(format: Format) {
    setBusy(true);
    setFailure(await download(tab, format));
    setBusy(false);
  }
  return (
    <>
      <Dropdown trigger={['click']} menu={{ items: FORMATS.map((f) => ({ key: f.key, label: <span id={`${tab}-export-${f.key}`}>{f.label}</span> })), onClick: ({ key }) => run(key as Format) }}>
        <Button id={`${tab}-export`} loading={busy}>导出</Button>
      </Dropdown>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 8 }} />}
    </>
  );
}
