import { graphql } from '../../gql/index.ts';

/** The home screen: deadlines overdue or due soon (as of today, China time) and the tasks by state. */
export const HomeQuery = graphql(`
  query ConsoleHome($jurisdiction: String!) {
    jurisdiction(code: $jurisdiction) {
      name
      deadlines(status: [OVERDUE, DUE_SOON]) {
        __typename
        ... on ForbiddenError { message }
        ... on JurisdictionDeadlinesSuccess { data { kind status party due subject subjectId clause note } }
      }
      tasks(first: 100) { totalCount edges { node { id title status inspectionDate } } }
      inspectorDirectoryReview { status dueBy lastReviewedOn expiredCertificates citation { clause } }
    }
  }
`);

/** The same deadlines, live: the list now and again whenever a task, result or objection of the jurisdiction changes. */
export const DeadlineAlertsSubscription = graphql(`
  subscription ConsoleDeadlineAlerts($jurisdiction: String!) {
    deadlineAlerts(jurisdiction: $jurisdiction) { kind status party due subject subjectId clause note }
  }
`);

/** 预警, live: what is still due before the half-year or the year ends, with the suggested task. */
export const ComplianceWarningsSubscription = graphql(`
  subscription ConsoleComplianceWarnings($jurisdiction: String!) {
    complianceWarnings(jurisdiction: $jurisdiction) { obligationId dueBy daysLeft message suggestedTask { title directed joint sectors usccs size } }
  }
`);

/** 下级合规: a city's or province's subordinates side by side (statuses only, no entities). */
export const SubordinateComplianceQuery = graphql(`
  query ConsoleSubordinateCompliance($jurisdiction: String!, $year: Int!) {
    jurisdiction(code: $jurisdiction) {
      level
      subordinateCompliance(year: $year) {
        jurisdiction { code name }
        pack { id name }
        warnings
        rows { id label status statusLabel cite { clause } achieved { text } }
      }
    }
  }
`);
