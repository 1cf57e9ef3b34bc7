import { useState } from 'react';
import type { FormInstance } from 'antd';
import type { CombinedError } from 'urql';
import { isRefusal, type RefusalValue } from './Refusal.tsx';

type Answer = { readonly __typename?: string } & Partial<RefusalValue>;

/**
 * A mutation's answer for a form: `take` returns true on success; on a refusal it keeps it for
 * `<Refusal refusal={…} error={…} />` and puts a ValidationError's issues on the form's own fields.
 */
export function useAnswer(form?: FormInstance) {
  const [refusal, setRefusal] = useState<RefusalValue>();
  const [failure, setFailure] = useState<CombinedError>();
  function take(answer: Answer | null | undefined, error: CombinedError | undefined): boolean {
    setRefusal(undefined);
    setFailure(undefined);
    if (answer && isRefusal(answer)) {
      setRefusal(answer);
      if (form) {
        const known = new Set(Object.keys(form.getFieldsValue(true) as object));
        const onFields = (answer.issues ?? []).filter((i) => known.has(i.field)).map((i) => ({ name: i.field, errors: [i.message] }));
        if (onFields.length > 0) form.setFields(onFields);
      }
      return false;
    }
    if (!answer) {
      setFailure(error);
      return false;
    }
    return true;
  }
  return { refusal, failure, take };
}
