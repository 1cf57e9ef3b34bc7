import { graphql } from '../../gql/index.ts';

/** 年度计划: the jurisdiction's plans, newest first, with their progress and amendments. */
export const PlansQuery = graphql(`
  query ConsolePlans($jurisdiction: String!) {
    jurisdiction(code: $jurisdiction) {
      code
      plans {
        id year title status doubleRandomCount otherCount publishedAt withdrawnAt withdrawalReason
        progress { sharePercent shareOk dueDate problems drawnInspections otherInspections scheduledInspections cancelledTasks jointTasks jointRequired }
        amendments { seq reason amendedAt amendedBy changes { field from to } }
      }
    }
  }
`);

export const CreatePlanMutation = graphql(`
  mutation ConsoleCreatePlan($jurisdiction: String!, $year: Int!, $title: String!, $doubleRandomCount: Int!, $otherCount: Int!) {
    createPlan(jurisdiction: $jurisdiction, year: $year, title: $title, doubleRandomCount: $doubleRandomCount, otherCount: $otherCount) {
      __typename
      ... on Plan { id status }
      ...ConsoleRefusal
    }
  }
`);

export const UpdatePlanMutation = graphql(`
  mutation ConsoleUpdatePlan($id: ID!, $changes: PlanChanges!) {
    updatePlan(id: $id, changes: $changes) {
      __typename
      ... on Plan { id status }
      ...ConsoleRefusal
    }
  }
`);

export const PublishPlanMutation = graphql(`
  mutation ConsolePublishPlan($id: ID!) {
    publishPlan(id: $id) {
      __typename
      ... on Plan { id status publishedAt }
      ...ConsoleRefusal
    }
  }
`);

export const AmendPlanMutation = graphql(`
  mutation ConsoleAmendPlan($id: ID!, $changes: PlanAmendmentChanges!, $reason: String!) {
    amendPlan(id: $id, changes: $changes, reason: $reason) {
      __typename
      ... on Plan { id status }
      ...ConsoleRefusal
    }
  }
`);

export const WithdrawPlanMutation = graphql(`
  mutation ConsoleWithdrawPlan($id: ID!, $reason: String!) {
    withdrawPlan(id: $id, reason: $reason) {
      __typename
      ... on Plan { id status }
      ...ConsoleRefusal
    }
  }
`);
