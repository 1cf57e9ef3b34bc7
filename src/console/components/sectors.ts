import { useCallback, useMemo } from 'react';
import { useClient, useQuery } from 'urql';
import { graphql } from '../gql/index.ts';
import { sessionJurisdiction } from './jurisdiction.ts';

/** The jurisdiction's sectors (base + its pack's + its own), as the server has them: one query, cached for every list and form. */
export const SectorsQuery = graphql(`
  query ConsoleSectors($jurisdiction: String) {
    sectors(jurisdiction: $jurisdiction) { code label aliases parent topic source origin }
  }
`);

export interface SectorChoices {
  /** For a select: value the code, label the Chinese name (under its parent's: 危险化学品 · 加油加气站). */
  readonly options: { value: string; label: string }[];
  /** A code as the clerk names it; the code itself until the vocabulary has come (never for long). */
  readonly label: (code: string) => string;
  readonly loaded: boolean;
}

/** The variables of the shared query: one cache entry per session's jurisdiction. */
const sectorsVariables = () => ({ jurisdiction: sessionJurisdiction() || null });

export function useSectors(): SectorChoices {
  const [{ data }] = useQuery({ query: SectorsQuery, variables: sectorsVariables() });
  return useMemo(() => {
    const sectors = data?.sectors ?? [];
    const byCode = new Map(sectors.map((s) => [s.code, s.label]));
    const label = (code: string) => byCode.get(code) ?? code;
    return {
      options: sectors.map((s) => ({ value: s.code, label: s.parent ? `${label(s.parent)} · ${s.label}` : s.label })),
      label,
      loaded: data !== undefined,
    };
  }, [data]);
}

/**
 * Fetches the shared vocabulary again (after a sector is added or removed): every list and form
 * reading `useSectors` gets the new one, since they share the query's cache entry.
 */
export function useRefreshSectors(): () => Promise<void> {
  const client = useClient();
  return useCallback(async () => {
    await client.query(SectorsQuery, sectorsVariables(), { requestPolicy: 'network-only' }).toPromise();
  }, [client]);
}
