import type { CombinedError } from 'urql';
import { fieldRefusal } from '../../components/field-refusal.ts';
import type { RefusalValue } from '../../components/Refusal.tsx';
import { refusalOf } from '../Login/refusal.ts';

/** The Chinese names of the fields the setup mutations may name in a refusal. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  code: '行政区划代码',
  level: '级别',
  name: '名称',
  parent: '上级辖区',
  neighbours: '相邻辖区',
  neighbour: '相邻辖区',
  username: '用户名',
  password: '密码',
  role: '角色',
  inspector: '执法证号',
};

/**
 * A setup mutation's refusal, if it was refused: any error member of its union (ConflictError
 * included, which `isRefusal` leaves out), with the fields named in Chinese, or a transport error.
 */
export function setupRefusal(answer: { readonly __typename?: string; readonly message?: string } | null | undefined, error: CombinedError | undefined): RefusalValue | undefined {
  if (answer?.__typename?.endsWith('Error') && typeof answer.message === 'string') {
    const refusal = answer as RefusalValue & { field?: string };
    // A duplicate (ConflictError) names one field without an issue list.
    const withField = refusal.__typename === 'ConflictError' && refusal.field ? { ...refusal, message: `${FIELD_NAMES[refusal.field] ?? refusal.field}：${refusal.message}` } : refusal;
    return fieldRefusal(withField, FIELD_NAMES);
  }
  if (!answer && error) return { message: refusalOf(error) };
  return undefined;
}
