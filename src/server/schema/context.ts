import type { Jurisdiction } from '@prisma/client';
import DataLoader from 'dataloader';
import type { Database } from '../db/database.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { PackRegistry } from '../../rulepacks/registry.ts';

/** Per-request state: the database, the viewer, and loaders created once per request. */
export interface Context {
  readonly db: Database;
  readonly viewer: Viewer;
  readonly loaders: Loaders;
  /** The rule packs loaded at start (built-in and PACKS_DIR). */
  readonly packs: PackRegistry;
}

export interface Loaders {
  /** Jurisdictions whose directory holds a USCC (an enterprise supervised at several levels). */
  readonly jurisdictionsByUscc: DataLoader<string, readonly Jurisdiction[]>;
}

export function createLoaders(db: Database): Loaders {
  return {
    jurisdictionsByUscc: new DataLoader(async (usccs) => {
      const rows = await db.prisma.enterprise.findMany({
        where: { uscc: { in: [...usccs] }, active: true },
        select: { uscc: true, jurisdiction: true },
        orderBy: { jurisdiction: { code: 'asc' } },
      });
      return usccs.map((u) => rows.filter((r) => r.uscc === u).map((r) => r.jurisdiction));
    }),
  };
}
