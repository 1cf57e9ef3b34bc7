/** What a dashboard asks for: the plan's progress and a page of tasks with picks and teams (tests and bench). */
export const DASHBOARD = `query($j: String!, $n: Int!) { jurisdiction(code: $j) {
  plans { year progress { sharePercent drawnInspections otherInspections jointTasks jointRequired problems } }
  tasks(first: $n) { totalCount edges { node { id title status inspectionDate covert
    draw { status commitment seed picks { order uscc enterpriseName stratum due items
      team { leader { name unit } members { name } experts { name } substitutes { name } } } replacements { reason } } } } } } }`;
