import { graphql } from '../../gql/index.ts';

/** Every jurisdiction on the installation, for the tree (the page keeps to the ones the user may see). */
export const SetupJurisdictionsQuery = graphql(`
  query ConsoleSetupJurisdictions {
    jurisdictions { code name level parent { code } }
  }
`);

export const CreateJurisdictionMutation = graphql(`
  mutation ConsoleCreateJurisdiction($input: CreateJurisdictionInput!) {
    createJurisdiction(input: $input) {
      __typename
      ... on Jurisdiction { code name level parent { code name } }
      ... on ValidationError { message issues { field message } }
      ... on ConflictError { message field }
      ... on Error { message }
    }
  }
`);

export const UpdateJurisdictionMutation = graphql(`
  mutation ConsoleUpdateJurisdiction($code: String!, $input: UpdateJurisdictionInput!) {
    updateJurisdiction(code: $code, input: $input) {
      __typename
      ... on Jurisdiction { code name neighbours { code name } authorityName noticePrefix }
      ... on ValidationError { message issues { field message } }
      ... on ConflictError { message field }
      ... on Error { message }
    }
  }
`);

/** A page of a jurisdiction's users (all for its admins; its admins only for whoever appoints the first). */
export const SetupUsersQuery = graphql(`
  query ConsoleSetupUsers($jurisdiction: String!, $after: String) {
    jurisdiction(code: $jurisdiction) {
      code
      name
      users(first: 20, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { username name role active inspectorCertificate } }
      }
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation ConsoleCreateUser($jurisdiction: String!, $username: String!, $name: String!, $password: String!, $role: Role!, $inspector: String) {
    createUser(jurisdiction: $jurisdiction, username: $username, name: $name, password: $password, role: $role, inspector: $inspector) {
      __typename
      ... on User { username name role }
      ...ConsoleRefusal
    }
  }
`);

export const DeactivateUserMutation = graphql(`
  mutation ConsoleDeactivateUser($jurisdiction: String!, $username: String!) {
    deactivateUser(jurisdiction: $jurisdiction, username: $username) {
      __typename
      ... on User { username active }
      ...ConsoleRefusal
    }
  }
`);

export const ReactivateUserMutation = graphql(`
  mutation ConsoleReactivateUser($jurisdiction: String!, $username: String!) {
    reactivateUser(jurisdiction: $jurisdiction, username: $username) {
      __typename
      ... on User { username active }
      ...ConsoleRefusal
    }
  }
`);

export const SetupTokensQuery = graphql(`
  query ConsoleSetupTokens($jurisdiction: String!, $active: Boolean!) {
    tokens(jurisdiction: $jurisdiction, active: $active) {
      __typename
      ... on QueryTokensSuccess { data { id name role username createdAt expiresAt revokedAt } }
      ... on Error { message }
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation ConsoleCreateApiToken($jurisdiction: String!, $role: Role!, $name: String!) {
    createApiToken(jurisdiction: $jurisdiction, role: $role, name: $name) {
      __typename
      ... on NewApiToken { token apiToken { id name role } }
      ...ConsoleRefusal
    }
  }
`);

export const RevokeTokenMutation = graphql(`
  mutation ConsoleRevokeToken($jurisdiction: String!, $id: ID!) {
    revokeToken(jurisdiction: $jurisdiction, id: $id) {
      __typename
      ... on ApiToken { id revokedAt }
      ...ConsoleRefusal
    }
  }
`);

/** The jurisdiction's neighbours and where pooling inspectors with each stands. */
export const SetupPoolingQuery = graphql(`
  query ConsoleSetupPooling($jurisdiction: String!) {
    jurisdiction(code: $jurisdiction) {
      code
      name
      neighbours { code name }
      authorityName
      noticePrefix
      authorityNameSet
      noticePrefixSet
      pooling { neighbour { code name } agreedBy agreedAt neighbourAgreedBy neighbourAgreedAt pooled }
    }
  }
`);

export const AgreeToPoolingMutation = graphql(`
  mutation ConsoleAgreeToPooling($jurisdiction: String!, $neighbour: String!) {
    agreeToPooling(jurisdiction: $jurisdiction, neighbour: $neighbour) {
      __typename
      ... on PoolingAgreement { pooled }
      ... on RuleError { message clause code }
      ... on ValidationError { message issues { field message } }
      ... on ConflictError { message field }
      ... on Error { message }
    }
  }
`);
