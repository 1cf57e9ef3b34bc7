import { graphql } from '../../gql/index.ts';

/** How long the trail is: the number of its last entry (paging counts back from it, newest first). */
export const AuditHeadQuery = graphql(`
  query ConsoleAuditHead($jurisdiction: String!) {
    jurisdiction(code: $jurisdiction) { auditSeq auditHead }
  }
`);

/** One page of the trail: the entries after `after`, oldest first. */
export const AuditTrailQuery = graphql(`
  query ConsoleAuditTrail($jurisdiction: String!, $after: Int!, $first: Int!) {
    auditTrail(jurisdiction: $jurisdiction, after: $after, first: $first) {
      __typename
      ... on AuditTrailPage { headSeq head entries { seq at actor action subjectType subjectId payload hash } }
      ... on Error { message }
    }
  }
`);

/** Re-hashes the whole trail on the server. */
export const VerifyAuditTrailQuery = graphql(`
  query ConsoleVerifyAuditTrail($jurisdiction: String!) {
    verifyAuditTrail(jurisdiction: $jurisdiction) {
      __typename
      ... on QueryVerifyAuditTrailSuccess { data { valid entries head breaks { kind seq message } } }
      ... on Error { message }
    }
  }
`);
