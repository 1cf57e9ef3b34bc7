import { graphql } from '../gql/index.ts';

/**
 * What every screen reads of a refusal (`<Refusal>`): the message, a rule's code and clause, each
 * field's reason. Spread as `...ConsoleRefusal` in a mutation's answer.
 */
export const RefusalFragment = graphql(`
  fragment ConsoleRefusal on Error {
    message
    ... on RuleError { code clause }
    ... on ValidationError { issues { field message } }
  }
`);
