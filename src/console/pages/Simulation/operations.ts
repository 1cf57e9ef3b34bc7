import { graphql } from '../../gql/index.ts';

/** The packs a simulation may draw by. */
export const SimulationPacksQuery = graphql(`
  query ConsoleSimulationPacks {
    rulePacks { id version key name }
  }
`);

/** 规则模拟: the report, side by side when a second pack is given. */
export const SimulateYearQuery = graphql(`
  query ConsoleSimulateYear($input: SimulateYearInput!) {
    simulateYear(input: $input) {
      __typename
      ... on SimulationReport {
        years enterprises supervised inspectors tasks differences
        packs {
          key name distinctPerYear distinctShare inspectionsPerYear
          cap { perYear hitsPerYear yearsWithHits enterprisesPerYear }
          load { meanDraws maxDraws meanInspections maxInspections }
          infeasible { task title code years example }
        }
        obligations { id label clause chance { a b delta differs } }
        strata { stratum label size chance { a b delta differs } inspections { a b delta differs } }
        highest { uscc name stratum chance { a b delta differs } inspections { a b delta differs } }
        lowest { uscc name stratum chance { a b delta differs } inspections { a b delta differs } }
      }
      ... on ValidationError { message issues { field message } }
      ... on Error { message }
    }
  }
`);
