import { graphql } from '../../gql/index.ts';

/** 抽查任务: one page of the jurisdiction's tasks (server paging), soonest inspection first, optionally by state. */
export const TasksQuery = graphql(`
  query ConsoleTasks($jurisdiction: String!, $status: [TaskStatus!], $first: Int!, $after: String) {
    jurisdiction(code: $jurisdiction) {
      code
      tasks(status: $status, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          node { id title status covert joint special directed size windowStart windowEnd inspectionDate plan { id year title } }
        }
      }
    }
  }
`);

/** What the task form chooses from: the sectors, the checklist (by name), the plans. */
export const TaskFormOptionsQuery = graphql(`
  query ConsoleTaskFormOptions($jurisdiction: String!) {
    sectors(jurisdiction: $jurisdiction) { code label parent }
    jurisdiction(code: $jurisdiction) {
      code
      checklist { code name active children { code name active children { code name active } } }
      plans { id year title status }
    }
  }
`);

export const CreateTaskMutation = graphql(`
  mutation ConsoleCreateTask($jurisdiction: String!, $plan: ID, $input: TaskInput!) {
    createTask(jurisdiction: $jurisdiction, plan: $plan, input: $input) {
      __typename
      ... on Task { id status }
      ...ConsoleRefusal
    }
  }
`);

export const UpdateTaskMutation = graphql(`
  mutation ConsoleUpdateTask($id: ID!, $changes: TaskChanges!) {
    updateTask(id: $id, changes: $changes) {
      __typename
      ... on Task { id status }
      ...ConsoleRefusal
    }
  }
`);
