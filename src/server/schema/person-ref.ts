import type { Context } from './context.ts';

/**
 * The directory id of the inspector or expert a clerk names: a GraphQL node id (Inspector:… or
 * Expert:…), the directory id itself, or the inspector's 执法证号. Undefined when none of the
 * jurisdiction's people matches.
 */
export async function personOf(ctx: Context, jurisdictionId: string, text: string): Promise<{ id: string; kind: 'INSPECTOR' | 'EXPERT' } | undefined> {
  const raw = text.trim();
  const decoded = Buffer.from(raw, 'base64').toString();
  const id = /^(Inspector|Expert):/.test(decoded) ? decoded.slice(decoded.indexOf(':') + 1) : raw;
  const [inspector, expert] = await Promise.all([
    ctx.db.prisma.inspector.findFirst({ where: { jurisdictionId, OR: [{ id }, { certificateNumber: raw }] }, select: { id: true } }),
    ctx.db.prisma.expert.findFirst({ where: { jurisdictionId, id }, select: { id: true } }),
  ]);
  if (inspector) return { id: inspector.id, kind: 'INSPECTOR' };
  if (expert) return { id: expert.id, kind: 'EXPERT' };
  return undefined;
}
