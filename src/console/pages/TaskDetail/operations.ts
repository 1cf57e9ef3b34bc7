import { graphql } from '../../gql/index.ts';

/** 任务详情: the task, its draw (commitment, entropy, picks with their teams as they stand, replacements). */
export const TaskDetailQuery = graphql(`
  query ConsoleTaskDetail($id: ID!) {
    node(id: $id) {
      __typename
      ... on Task {
        id title status covert directed joint special sectors jointDepartments windowStart windowEnd inspectionDate size checklistCodes
        itemsPerInspection teamSize expertsPerTeam substitutes announcedOn closedOn cancelledAt cancelledFrom cancellationReason createdAt
        jurisdiction { code name }
        plan { id year title status }
        draw {
          id status commitment beacon lockedAt drawnAt secret seed liveUrl exportUrl pacingMs candidates snapshotHash packKey
          entropy { seq value contributor receivedAt }
          picks {
            order uscc enterpriseName stratum due fromReserve items
            team {
              leader { id name unit kind homeJurisdiction homeJurisdictionName }
              members { id name unit kind homeJurisdiction homeJurisdictionName }
              experts { id name unit kind homeJurisdiction homeJurisdictionName }
              substitutes { id name unit kind homeJurisdiction homeJurisdictionName }
            }
          }
          replacements { pickOrder reason actor at outgoing { id name unit } incoming { id name unit homeJurisdiction homeJurisdictionName } }
        }
      }
    }
  }
`);

export const LockTaskMutation = graphql(`
  mutation ConsoleLockTask($task: ID!, $commitment: String, $beacon: String) {
    lockTask(task: $task, commitment: $commitment, beacon: $beacon) {
      __typename
      ... on Draw { id status commitment }
      ...ConsoleRefusal
    }
  }
`);

export const DrawTaskMutation = graphql(`
  mutation ConsoleDrawTask($draw: ID!, $secret: String, $beaconValue: String, $idempotencyKey: String) {
    drawTask(draw: $draw, secret: $secret, beaconValue: $beaconValue, idempotencyKey: $idempotencyKey) {
      __typename
      ... on Draw { id status seed }
      ...ConsoleRefusal
    }
  }
`);

export const AdvanceTaskMutation = graphql(`
  mutation ConsoleAdvanceTask($id: ID!, $step: TaskStep!) {
    advanceTask(id: $id, step: $step) {
      __typename
      ... on Task { id status }
      ...ConsoleRefusal
    }
  }
`);

export const CancelTaskMutation = graphql(`
  mutation ConsoleCancelTask($id: ID!, $reason: String!) {
    cancelTask(id: $id, reason: $reason) {
      __typename
      ... on Task { id status }
      ...ConsoleRefusal
    }
  }
`);

export const ReplaceInspectorMutation = graphql(`
  mutation ConsoleReplaceInspector($draw: ID!, $pickOrder: Int!, $inspector: String!, $reason: String!, $approvedBy: String) {
    replaceInspector(draw: $draw, pickOrder: $pickOrder, inspector: $inspector, reason: $reason, approvedBy: $approvedBy) {
      __typename
      ... on TeamReplacement { pickOrder reason }
      ...ConsoleRefusal
    }
  }
`);
