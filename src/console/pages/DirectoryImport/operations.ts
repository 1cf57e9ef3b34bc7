import { graphql } from '../../gql/index.ts';

/**
 * The wizard's one mutation, sent as a GraphQL multipart request (urql's fetchExchange does so when
 * a variable holds a File): first with dryRun (nothing is written: the report, the mapping, the
 * problems), then for real with the same file and mapping.
 */
export const ImportDirectory = graphql(`
  mutation ConsoleImportDirectory($jurisdiction: String!, $kind: DirectoryKind!, $file: File!, $dryRun: Boolean!, $mapping: [ColumnMapping!]) {
    importDirectory(jurisdiction: $jurisdiction, kind: $kind, file: $file, dryRun: $dryRun, mapping: $mapping) {
      __typename
      ... on ImportReport {
        kind dryRun committed format encoding rows created updated unchanged
        headers ignoredColumns keptColumns titleRows generatedKeys
        warnings { code row column field message }
        columns { header field label }
        fields { field label required }
        problems { code row column field message }
      }
      ... on Error { message }
    }
  }
`);
