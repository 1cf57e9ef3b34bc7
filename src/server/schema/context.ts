import type { Jurisdiction } from '@prisma/client';
import DataLoader from 'dataloader';
import type { Database } from '../db/database.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { PackRegistry } from '../../rulepacks/registry.ts';
import type { Services } from '../tasks/services.ts';
import type { DeadlineAlerts } from '../results/deadline-alerts.ts';
import type { ComplianceWarnings } from '../compliance/compliance-warnings.ts';
import type { DecodeLimits } from '../import/decode-limits.ts';
import type { RateLimits } from '../limits/rate-limits.ts';
import { directoryHistory, type DirectoryChange, type HistoryTable } from '../directory/directory-history.ts';
import { picksOfDraws, type PickWithTeam } from '../draws/picks-of-draws.ts';
import { peopleById, type PersonView } from '../draws/team-view.ts';

/** Per-request state: the database, the viewer, and loaders created once per request. */
export interface Context {
  readonly db: Database;
  readonly viewer: Viewer;
  readonly loaders: Loaders;
  /** The rule packs loaded at start (built-in and PACKS_DIR). */
  readonly packs: PackRegistry;
  /** Plans, tasks and draws: the database, the packs, the event bus, the pacing of live draws. */
  readonly services: Services;
  /** Each watched jurisdiction's deadline alerts, computed once per change for all its subscribers. */
  readonly deadlineAlerts: DeadlineAlerts;
  /** Each watched jurisdiction's compliance warnings (预警), computed once per change for all its subscribers. */
  readonly complianceWarnings: ComplianceWarnings;
  /** What an uploaded file may cost to read (Config: IMPORT_MAX_BYTES and its siblings). */
  readonly importLimits: DecodeLimits;
  /** The address rate limits count this client by (see limits/client-address.ts). */
  readonly address: string;
  /** Login backoff and the quotas on entropy and verification, shared by instances through Redis. */
  readonly rateLimits: RateLimits;
}

export interface Loaders {
  /** Jurisdictions whose directory holds a USCC (an enterprise supervised at several levels). */
  readonly jurisdictionsByUscc: DataLoader<string, readonly Jurisdiction[]>;
  /** People on drawn teams, by directory id: name and unit only (what a published team shows). */
  readonly teamPeople: DataLoader<string, TeamPerson | null>;
  /** A draw's picks with their enterprises' names and teams as they stand, every draw of a page in one batch. */
  readonly drawPicks: DataLoader<string, readonly PickWithTeam[]>;
  /** The changes to a directory record, every record of a page in one statement per table. */
  readonly history: DataLoader<HistoryKey, DirectoryChange[], string>;
}

export interface HistoryKey {
  readonly table: HistoryTable;
  readonly id: string;
}

/** A person on a drawn team as published: name and unit, never an ID number or phone. */
export type TeamPerson = PersonView;

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
    teamPeople: new DataLoader(async (ids) => {
      const byId = await peopleById(db.prisma, ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    drawPicks: new DataLoader((drawIds) => picksOfDraws(db.prisma, drawIds)),
    history: new DataLoader(
      async (keys) => {
        const tables = [...new Set(keys.map((k) => k.table))];
        const found = new Map(await Promise.all(tables.map(async (table) => [table, await directoryHistory(db.sql, table, keys.filter((k) => k.table === table).map((k) => k.id))] as const)));
        return keys.map((k) => found.get(k.table)!.get(k.id)!);
      },
      { cacheKeyFn: (k) => `${k.table}:${k.id}` },
    ),
  };
}
