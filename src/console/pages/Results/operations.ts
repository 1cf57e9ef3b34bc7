import { graphql } from '../../gql/index.ts';

/** One version of a result as the result and correction screens show it. */
export const ResultFields = graphql(`
  fragment ConsoleResultFields on InspectionResult {
    id
    version
    status
    uscc
    enterpriseName
    category
    categoryLabel
    inspectedOn
    items { code outcome note }
    hazards { description major concealed itemCode }
    handling { rectificationDue penalty { decisionNumber fineYuan } transfer { to recipient } }
    nonCooperation
    summary
    enteredAt
    publishedAt
    correctionReason
    principalSigned
    supersedes { id version }
    signers { person { id name unit } signed inPerson signedAt }
    events { kind occurredOn rectified note }
  }
`);

/** Who is asking: an inspector's own work list (the enterprises whose team they are on). */
export const WorkListQuery = graphql(`
  query ConsoleWorkList($first: Int!, $after: String) {
    me {
      role
      inspector { id name unit }
      workList(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            leader
            uscc
            task { id title status inspectionDate }
            pick { order enterpriseName }
            result { id version status }
          }
        }
      }
    }
  }
`);

/** Tasks whose results are entered and may be published or corrected (检查中, 已结束): the results and corrections screens pick one. */
export const ResultTasksQuery = graphql(`
  query ConsoleResultTasks($jurisdiction: String!, $first: Int!, $after: String) {
    jurisdiction(code: $jurisdiction) {
      tasks(first: $first, after: $after, status: [INSPECTING, CLOSED]) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id title status inspectionDate } }
      }
    }
  }
`);

/** A task's drawn enterprises (bounded by the task's size) and their results so far. */
export const TaskPicksQuery = graphql(`
  query ConsoleTaskPicks($task: ID!) {
    node(id: $task) {
      __typename
      ... on Task {
        id
        title
        status
        draw { id picks { order uscc enterpriseName team { leader { id name } members { id name } } } }
        results { id uscc version status }
      }
    }
  }
`);

/** Everything the entry of one enterprise's result needs: the pick, the pack's categories, the items' names, the versions. */
export const EnterpriseResultQuery = graphql(`
  query ConsoleEnterpriseResult($task: ID!) {
    node(id: $task) {
      __typename
      ... on Task {
        id
        title
        status
        inspectionDate
        windowStart
        draw {
          id
          resultCategories { code label }
          nonCooperation { category clause cases { code label } }
          drawnItems { code name content }
          picks { order uscc enterpriseName items team { leader { id name unit } members { id name unit } experts { id name unit } } }
        }
        results { ...ConsoleResultFields }
      }
    }
  }
`);

export const RecordResultMutation = graphql(`
  mutation ConsoleRecordResult($task: ID!, $uscc: String!, $input: ResultInput!) {
    recordResult(task: $task, uscc: $uscc, input: $input) {
      __typename
      ... on InspectionResult { ...ConsoleResultFields }
      ...ConsoleRefusal
    }
  }
`);

export const UpdateResultMutation = graphql(`
  mutation ConsoleUpdateResult($id: ID!, $input: ResultInput!) {
    updateResult(id: $id, input: $input) {
      __typename
      ... on InspectionResult { ...ConsoleResultFields }
      ...ConsoleRefusal
    }
  }
`);

export const SignResultMutation = graphql(`
  mutation ConsoleSignResult($id: ID!, $inspector: ID) {
    signResult(id: $id, inspector: $inspector) {
      __typename
      ... on InspectionResult { ...ConsoleResultFields }
      ...ConsoleRefusal
    }
  }
`);

export const PublishResultMutation = graphql(`
  mutation ConsolePublishResult($id: ID!) {
    publishResult(id: $id) {
      __typename
      ... on InspectionResult { ...ConsoleResultFields }
      ...ConsoleRefusal
    }
  }
`);

export const RecordResultEventMutation = graphql(`
  mutation ConsoleRecordResultEvent($result: ID!, $kind: ResultEventKind!, $occurredOn: Date!, $rectified: Boolean, $note: String) {
    recordResultEvent(result: $result, kind: $kind, occurredOn: $occurredOn, rectified: $rectified, note: $note) {
      __typename
      ... on InspectionResult { id }
      ...ConsoleRefusal
    }
  }
`);
