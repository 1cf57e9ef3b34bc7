import { maskIdNumber, maskName, maskPhone } from '../../core/directory/mask.ts';
import { isMemberOf } from '../auth/viewer.ts';
import type { Context } from './context.ts';

/** Personal data (ID numbers, phones, the names of legal representatives and contacts) in full for members of the record's jurisdiction, masked for everyone else. */
export function personalIdNumber(ctx: Context, jurisdictionId: string, value: string | null): string | null {
  return value === null || isMemberOf(ctx.viewer, jurisdictionId) ? value : maskIdNumber(value);
}

export function personalPhone(ctx: Context, jurisdictionId: string, value: string | null): string | null {
  return value === null || isMemberOf(ctx.viewer, jurisdictionId) ? value : maskPhone(value);
}

export function personalName(ctx: Context, jurisdictionId: string, value: string | null): string | null {
  return value === null || isMemberOf(ctx.viewer, jurisdictionId) ? value : maskName(value);
}
