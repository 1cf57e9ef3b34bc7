import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { readSession } from '../../session.ts';

type Format = 'pdf' | 'xlsx';

/**
 * Downloads /api/compliance/<code>/<year>/report.<pdf|xlsx> with the session's token in the
 * Authorization header, handed over as a Blob URL: the token never appears in a URL or a log.
 */
async function download(code: string, year: number, asOf: string | null, format: Format): Promise<string | undefined> {
  const query = asOf ? `?asOf=${asOf}` : '';
  const response = await fetch(`/api/compliance/${code}/${year}/report.${format}${query}`, { headers: { authorization: `Bearer ${readSession()?.token ?? ''}` } });
  if (!response.ok) return `下载失败（${response.status}）：${(await response.text()).trim()}`;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${code}-${year}年自查报告.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return undefined;
}

/** 下载自查报告: the year's self-inspection report as a printable PDF or an XLSX. */
export function DownloadReport({ code, year, asOf }: { code: string; year: number; asOf: string | null }) {
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState<Format | null>(null);
  async function run(format: Format) {
    setBusy(format);
    setFailure(await download(code, year, asOf, format).finally(() => setBusy(null)));
  }
  return (
    <Space orientation="vertical">
      <Space>
        <Button id="download-report-pdf" type="primary" loading={busy === 'pdf'} onClick={() => void run('pdf')}>下载自查报告（PDF）</Button>
        <Button id="download-report-xlsx" loading={busy === 'xlsx'} onClick={() => void run('xlsx')}>下载自查报告（Excel）</Button>
      </Space>
      {failure && <Alert type="error" showIcon title={failure} />}
    </Space>
  );
}
