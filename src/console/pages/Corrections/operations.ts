import { graphql } from '../../gql/index.ts';

/** A task's results, every version with its objections, and what a correction's form needs. */
export const CorrectionTaskQuery = graphql(`
  query ConsoleCorrectionTask($task: ID!) {
    node(id: $task) {
      __typename
      ... on Task {
        id
        title
        inspectionDate
        draw {
          id
          resultCategories { code label }
          nonCooperation { category clause cases { code label } }
          drawnItems { code name content }
          picks { order uscc enterpriseName items }
        }
        results {
          ...ConsoleResultFields
          objections { id status receivedOn filedBy grounds reviewedOn upheld reviewNote answeredOn answer }
        }
      }
    }
  }
`);

/** The objections' periods (异议复核, 复核反馈) as the pack and the working-day calendar give them. */
export const ObjectionDeadlinesQuery = graphql(`
  query ConsoleObjectionDeadlines($jurisdiction: String!) {
    jurisdiction(code: $jurisdiction) {
      deadlines {
        __typename
        ... on ForbiddenError { message }
        ... on JurisdictionDeadlinesSuccess { data { kind status due doneOn subjectType subjectId clause note } }
      }
    }
  }
`);

export const CorrectResultMutation = graphql(`
  mutation ConsoleCorrectResult($id: ID!, $input: ResultInput!, $reason: String!, $objection: ID) {
    correctResult(id: $id, input: $input, reason: $reason, objection: $objection) {
      __typename
      ... on InspectionResult { id version }
      ...ConsoleRefusal
    }
  }
`);

export const SignCorrectionMutation = graphql(`
  mutation ConsoleSignCorrection($id: ID!) {
    signCorrection(id: $id) {
      __typename
      ... on InspectionResult { id principalSigned }
      ...ConsoleRefusal
    }
  }
`);

export const PublishCorrectionMutation = graphql(`
  mutation ConsolePublishCorrection($id: ID!) {
    publishResult(id: $id) {
      __typename
      ... on InspectionResult { id status publishedAt }
      ...ConsoleRefusal
    }
  }
`);

export const FileObjectionMutation = graphql(`
  mutation ConsoleFileObjection($result: ID!, $receivedOn: Date!, $filedBy: String!, $grounds: String!) {
    fileObjection(result: $result, receivedOn: $receivedOn, filedBy: $filedBy, grounds: $grounds) {
      __typename
      ... on Objection { id status }
      ...ConsoleRefusal
    }
  }
`);

export const ReviewObjectionMutation = graphql(`
  mutation ConsoleReviewObjection($id: ID!, $reviewedOn: Date!, $upheld: Boolean!, $note: String!) {
    reviewObjection(id: $id, reviewedOn: $reviewedOn, upheld: $upheld, note: $note) {
      __typename
      ... on Objection { id status upheld }
      ...ConsoleRefusal
    }
  }
`);

export const AnswerObjectionMutation = graphql(`
  mutation ConsoleAnswerObjection($id: ID!, $answeredOn: Date!, $answer: String!) {
    answerObjection(id: $id, answeredOn: $answeredOn, answer: $answer) {
      __typename
      ... on Objection { id status }
      ...ConsoleRefusal
    }
  }
`);
