import { graphql } from '../../gql/index.ts';

/** 合规: the year's obligations with their subjects, and the series the charts draw. */
export const ComplianceQuery = graphql(`
  query ConsoleCompliance($jurisdiction: String!, $year: Int!, $asOf: Date) {
    jurisdiction(code: $jurisdiction) {
      name
      compliance(year: $year, asOf: $asOf) {
        year
        asOf
        pack { id name version }
        totals { supervised distinctDrawn draws inspectionsDone otherInspections tasks cancelledTasks }
        rows {
          id kind label status explanation subjectsTotal
          cite { document clause isDefault }
          period { label }
          target { value of unit text }
          achieved { value of unit text }
          subjects { kind uscc name title taskId inspectorId note }
        }
        coverage { group label due inspectedByMonth }
        inspectorLoad { inspectorId name draws inspections }
      }
    }
  }
`);

/** The jurisdictions a user may look at here: their own and those below it (上级查看下级), two levels down. */
export const ComplianceJurisdictionsQuery = graphql(`
  query ConsoleComplianceJurisdictions($jurisdiction: String!) {
    jurisdiction(code: $jurisdiction) {
      code name
      children { code name children { code name } }
    }
  }
`);
