import type { SectorVocabulary } from '../../core/directory/sector-vocabulary.ts';
import type { PrismaClient } from '@prisma/client';
import type { Field } from '../../core/directory/fields.ts';
import { DIRECTORY_SPECS, type DirectoryKind } from '../../core/directory/kinds/index.ts';
import type { ExportTable } from '../import/encode-file.ts';

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The records of a directory in the shape its spec reads, so an export re-imports unchanged. */
async function recordsOf(prisma: PrismaClient, kind: DirectoryKind, jurisdictionId: string): Promise<Record<string, unknown>[]> {
  const where = { jurisdictionId, active: true };
  switch (kind) {
    case 'enterprises':
      return prisma.enterprise.findMany({ where, orderBy: { uscc: 'asc' } });
    case 'inspectors':
      return (await prisma.inspector.findMany({ where, orderBy: { certificateNumber: 'asc' } })).map((i) => ({ ...i, certificateValidUntil: iso(i.certificateValidUntil) }));
    case 'experts':
      return (await prisma.expert.findMany({ where, orderBy: { idNumber: 'asc' }, include: { services: { orderBy: [{ servedOn: 'asc' }, { enterpriseUscc: 'asc' }] } } })).map((e) => ({
        ...e,
        services: e.services.map((s) => ({ enterpriseUscc: s.enterpriseUscc, kind: s.kind, servedOn: iso(s.servedOn) })),
      }));
    case 'checklist':
      return (await prisma.checklistItem.findMany({ where, orderBy: { code: 'asc' }, include: { parent: { select: { code: true } } } })).map((c) => ({ ...c, parentCode: c.parent?.code ?? null }));
    case 'records':
      // A withdrawn record (a correction no longer produces it) is not exported: it no longer counts.
      return (await prisma.enterpriseRecord.findMany({ where: { jurisdictionId, withdrawnOn: null }, orderBy: [{ occurredOn: 'asc' }, { id: 'asc' }], include: { enterprise: { select: { uscc: true } } } })).map((r) => ({
        uscc: r.enterprise.uscc, kind: r.kind, occurredOn: iso(r.occurredOn), reference: r.reference, description: r.description,
      }));
  }
}

/** One jurisdiction's directory as a table with the Chinese headers bureaus use. */
/** `sectors`: the jurisdiction's vocabulary, so that a pack's or its own sector is written by its label. */
export async function exportDirectory(prisma: PrismaClient, kind: DirectoryKind, jurisdictionId: string, sectors?: SectorVocabulary): Promise<ExportTable> {
  const spec = DIRECTORY_SPECS[kind];
  const fields = Object.entries(spec.fields) as [string, Field<unknown>][];
  const records = await recordsOf(prisma, kind, jurisdictionId);
  return {
    sheetName: spec.label,
    headers: fields.map(([, f]) => f.headers[0]!),
    rows: records.map((r) => fields.map(([key, f]) => (r[key] === null || r[key] === undefined ? '' : f.format(r[key], { sectors })))),
  };
}
