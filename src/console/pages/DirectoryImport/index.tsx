import { useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Result, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { useMutation, type CombinedError } from 'urql';
import { isRefusal, Refusal, type RefusalValue } from '../../components/Refusal.tsx';
import { sessionJurisdiction } from '../../components/jurisdiction.ts';
import type { ConsoleImportDirectoryMutation, DirectoryKind } from '../../gql/graphql.ts';
import { DIRECTORY_KIND_LABELS, FILE_ENCODING_LABELS, FILE_FORMAT_LABELS } from '../../locale/labels.ts';
import { navigate } from '../../router.ts';
import { ImportDirectory } from './operations.ts';

type Answer = ConsoleImportDirectoryMutation['importDirectory'];
type Report = Extract<Answer, { __typename: 'ImportReport' }>;

/** The 名录库 tab that lists what a kind imports (enterprise records show on each enterprise). */
const TAB_OF: Record<DirectoryKind, string> = { ENTERPRISES: 'enterprises', INSPECTORS: 'inspectors', EXPERTS: 'experts', CHECKLIST: 'checklist', RECORDS: 'enterprises' };
const KIND_OF_TAB: Record<string, DirectoryKind> = { enterprises: 'ENTERPRISES', inspectors: 'INSPECTORS', experts: 'EXPERTS', checklist: 'CHECKLIST', records: 'RECORDS' };
const KIND_OPTIONS = Object.entries<string>(DIRECTORY_KIND_LABELS).map(([value, label]) => ({ value, label }));
/** The Select's value for a column left out of the import. */
const IGNORE = '';

/** header → field, as the last dry run read the file (columns), or as the clerk has since chosen. */
type Mapping = Record<string, string>;

const mappingOf = (report: Report): Mapping => Object.fromEntries(report.headers.filter((h) => h.trim() !== '').map((h) => [h, report.columns.find((c) => c.header === h)?.field ?? IGNORE]));

/**
 * 名录导入: choose a CSV (GBK or UTF-8) or XLSX file → a dry run shows the format and encoding it
 * detected, which column it reads as which field (changeable), and every refused row with its
 * reason → import for real → the counts. Nothing is written until the dry run has no problem.
 */
export default function DirectoryImportPage() {
  const initialKind = KIND_OF_TAB[new URLSearchParams(location.search).get('kind') ?? ''] ?? 'ENTERPRISES';
  const [kind, setKind] = useState<DirectoryKind>(initialKind);
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<Report>();
  const [mapping, setMapping] = useState<Mapping>({});
  const [checkedMapping, setCheckedMapping] = useState<Mapping>({});
  const [done, setDone] = useState<Report>();
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [error, setError] = useState<CombinedError>();
  const [{ fetching }, importDirectory] = useMutation(ImportDirectory);
  const picker = useRef<HTMLInputElement>(null);

  async function run(dryRun: boolean, chosen: Mapping) {
    if (!file) return;
    setRefusal(undefined);
    setError(undefined);
    const entries = Object.entries(chosen).filter(([, to]) => to !== IGNORE).map(([from, to]) => ({ from, to }));
    const r = await importDirectory({ jurisdiction: sessionJurisdiction(), kind, file, dryRun, mapping: entries.length > 0 ? entries : null });
    if (r.error) {
      // A refused upload (413: IMPORT_MAX_BYTES) says nothing about the last report's file.
      if (dryRun) setReport(undefined);
      return setError(r.error);
    }
    const answer = r.data?.importDirectory;
    if (!answer) return;
    if (answer.__typename !== 'ImportReport') return setRefusal(isRefusal(answer) ? answer : { message: '导入被拒绝' });
    if (answer.committed) return setDone(answer);
    setReport(answer);
    // The mapping follows what the server read: a new file brings its own headers.
    const read = mappingOf(answer);
    setMapping(read);
    setCheckedMapping(read);
  }

  function startOver() {
    setDone(undefined);
    setReport(undefined);
    setFile(undefined);
    if (picker.current) picker.current.value = '';
    setMapping({});
    setCheckedMapping({});
  }

  const current = done ? 2 : report ? 1 : 0;
  const mappingChanged = JSON.stringify(mapping) !== JSON.stringify(checkedMapping);
  const fieldLabel = (field: string | null | undefined) => (field ? (report?.fields.find((f) => f.field === field)?.label ?? '') : '');

  return (
    <>
      <Typography.Title level={4}>名录导入</Typography.Title>
      <div id="import-steps" style={{ marginBottom: 24 }}>
        <Steps current={current} items={[{ title: '选择文件', content: 'CSV（GBK 或 UTF-8）或 XLSX' }, { title: '核对列与试导入', content: '不写入任何数据' }, { title: '正式导入', content: '新增、更新、不变' }]} />
      </div>
      <Refusal refusal={refusal} error={error} id="import-refusal" />
      {done ? (
        <div id="import-result"><Result status="success" title={`已导入${DIRECTORY_KIND_LABELS[done.kind]}`}
          subTitle={`共 ${done.rows} 行：新增 ${done.created} 条，更新 ${done.updated} 条，不变 ${done.unchanged} 条`}
          extra={[
            <Button key="list" id="import-to-list" type="primary" onClick={() => navigate(`/directories?tab=${TAB_OF[done.kind]}`)}>查看名录</Button>,
            <Button key="again" id="import-again" onClick={startOver}>再导入一个文件</Button>,
          ]} /></div>
      ) : (
        <>
          <Card title="1. 选择文件" style={{ marginBottom: 16 }}>
            <Form name="import" layout="inline" onFinish={() => run(true, mapping)}>
              <Form.Item label="名录" name="kind" initialValue={kind}>
                <Select options={KIND_OPTIONS} style={{ width: 200 }} onChange={(k: DirectoryKind) => { setKind(k); setReport(undefined); }} />
              </Form.Item>
              <Form.Item label="文件" htmlFor="import-choose">
                {/* The browser's own file button speaks the browser's language: a Chinese button opens it instead. */}
                <input id="import_file" ref={picker} type="file" tabIndex={-1} aria-hidden style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
                  accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  onChange={(e) => setFile(e.target.files?.[0] ?? undefined)} />
                <Space>
                  <Button id="import-choose" onClick={() => picker.current?.click()}>选择文件</Button>
                  <Typography.Text id="import-file-name" type={file ? undefined : 'secondary'}>{file ? file.name : '未选择文件'}</Typography.Text>
                </Space>
              </Form.Item>
              <Form.Item>
                <Button id="import-check" type="primary" htmlType="submit" disabled={!file} loading={fetching}>上传并试导入</Button>
              </Form.Item>
            </Form>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              第一行为表头，列名用导出文件的中文表头（如 统一社会信用代码、企业名称、行业类别）或常见写法；其他列名可在下一步指定读作哪一列。同一记录再次导入即更新（按统一社会信用代码、执法证号、身份证号或事项编码；企业记录按企业、类型、日期和文号，不会重复）。表头上方的标题行会自动跳过。
            </Typography.Paragraph>
          </Card>
          {report && (
            <Card title="2. 核对列与试导入" id="import-report">
              <Descriptions id="import-detected" size="small" column={3} style={{ marginBottom: 16 }} items={[
                { key: 'format', label: '文件格式', children: report.format ? (FILE_FORMAT_LABELS[report.format] ?? report.format) : '无法读取' },
                { key: 'encoding', label: '文字编码', children: report.encoding ? (FILE_ENCODING_LABELS[report.encoding] ?? report.encoding) : report.format === 'xlsx' ? '（工作簿自带）' : '—' },
                { key: 'rows', label: '数据行', children: report.rows },
              ]} />
              {(report.titleRows.length > 0 || report.generatedKeys > 0 || report.keptColumns.length > 0) && (
                <Alert id="import-notes" type="info" showIcon style={{ marginBottom: 16 }} title="导入时已自动处理"
                  description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {report.titleRows.map((t) => <li key={t}>表头上方的标题行已跳过：{t}</li>)}
                    {report.generatedKeys > 0 && <li>{report.generatedKeys} 个事项没有编号（或为抽查子项），已按固定规则生成编号，再次导入同一事项编号不变</li>}
                    {report.keptColumns.length > 0 && <li>没有对应字段的列原样保留在每个事项中：{report.keptColumns.join('、')}</li>}
                  </ul>} />
              )}
              {report.headers.length > 0 && (
                <>
                  <Table id="import-mapping" size="small" pagination={false} rowKey="header" style={{ marginBottom: 16 }}
                    dataSource={Object.keys(mapping).map((header, index) => ({ header, index }))}
                    columns={[
                      { title: '文件中的列', dataIndex: 'header' },
                      {
                        title: '读作', key: 'field', render: (_, { header, index }) => {
                          const recognised = report.columns.some((c) => c.header === header);
                          // A checklist keeps a column it has no field for, as it is, with each item.
                          const unmapped = report.kind === 'CHECKLIST' ? '（原样保留）' : '（不导入）';
                          return (
                            <Select id={`import-map-${index}`} aria-label={`列“${header}”读作`} style={{ width: 240 }} value={mapping[header] ?? IGNORE}
                              onChange={(to: string) => setMapping((m) => ({ ...m, [header]: to }))}
                              options={[...(recognised ? [] : [{ value: IGNORE, label: unmapped }]), ...report.fields.map((f) => ({ value: f.field, label: `${f.label}${f.required ? '（必填）' : ''}` }))]} />
                          );
                        },
                      },
                      {
                        title: '', key: 'state', render: (_, { header }) =>
                          report.columns.some((c) => c.header === header) ? <Tag color="green">已识别</Tag> : report.keptColumns.includes(header) ? <Tag color="blue">原样保留</Tag> : <Tag>未识别</Tag>,
                      },
                    ]} />
                  <Button id="import-recheck" disabled={!mappingChanged} loading={fetching} onClick={() => run(true, mapping)} style={{ marginBottom: 16 }}>按此对应重新试导入</Button>
                </>
              )}
              {report.problems.length > 0 ? (
                <>
                  <Alert id="import-rejected" type="error" showIcon style={{ marginBottom: 16 }}
                    title={`试导入发现 ${report.problems.length} 处问题，没有写入任何数据`}
                    description="请改正文件中标出的行（或调整列的对应），再选择文件上传试导入。" />
                  <Table id="import-problems" size="small" rowKey={(p) => `${p.code}:${p.row ?? ''}:${p.column ?? ''}:${p.message}`} dataSource={report.problems} pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    columns={[
                      { title: '行', dataIndex: 'row', width: 60 },
                      { title: '列', dataIndex: 'column', width: 160 },
                      { title: '字段', dataIndex: 'field', width: 140, render: (f: string | null) => fieldLabel(f) },
                      { title: '原因', dataIndex: 'message' },
                    ]} />
                </>
              ) : (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Alert id="import-preview" type="success" showIcon title={`试导入通过：将新增 ${report.created} 条，更新 ${report.updated} 条，不变 ${report.unchanged} 条`}
                    description={report.ignoredColumns.length > 0 ? `不导入的列：${report.ignoredColumns.join('、')}` : undefined} />
                  {report.warnings.length > 0 && (
                    <Table id="import-warnings" size="small" rowKey={(p) => `${p.code}:${p.row ?? ''}:${p.message}`} dataSource={report.warnings} pagination={{ pageSize: 20, hideOnSinglePage: true }}
                      title={() => `提示 ${report.warnings.length} 处（不影响导入）`}
                      columns={[{ title: '行', dataIndex: 'row', width: 60 }, { title: '列', dataIndex: 'column', width: 160 }, { title: '说明', dataIndex: 'message' }]} />
                  )}
                  <Button id="import-commit" type="primary" disabled={mappingChanged} loading={fetching} onClick={() => run(false, checkedMapping)}>正式导入</Button>
                </Space>
              )}
            </Card>
          )}
        </>
      )}
    </>
  );
}
