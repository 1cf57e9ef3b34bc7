import { graphql } from '../../gql/index.ts';

export const LoginMutation = graphql(`
  mutation ConsoleLogin($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      __typename
      ... on Session {
        token
        expiresAt
        user { username name role jurisdiction { code name } }
      }
      ... on ForbiddenError { message }
    }
  }
`);
