import { expect } from 'vitest';
import { DEMO, TASK_INPUT, type DemoCounty } from './demo-county.ts';

export const RESULT_FIELDS = `id version status uscc enterpriseName category categoryLabel summary contentHash publishedAt correctionReason principalSigned
  signatures { inspector } supersedes { id version } correctedBy { id version }`;
const RESULT_PAYLOAD = `__typename ... on InspectionResult { ${RESULT_FIELDS} } ... on Error { message } ... on RuleError { code clause } ... on ValidationError { issues { field message } }`;

export const Q = {
  createTask: `mutation($j: String!, $input: TaskInput!) { createTask(jurisdiction: $j, input: $input) { ... on Task { id } ... on Error { message } } }`,
  lock: `mutation($t: ID!) { lockTask(task: $t) { ... on Draw { id } ... on Error { message } } }`,
  draw: `mutation($d: ID!) { drawTask(draw: $d) { __typename ... on Draw { id picks { order uscc enterpriseName items team { leader { id } members { id } } } } ... on Error { message } } }`,
  advance: `mutation($t: ID!, $s: TaskStep!) { advanceTask(id: $t, step: $s) { __typename ... on Task { status } ... on Error { message } } }`,
  record: `mutation($t: ID!, $u: String!, $i: ResultInput!) { recordResult(task: $t, uscc: $u, input: $i) { ${RESULT_PAYLOAD} } }`,
  update: `mutation($id: ID!, $i: ResultInput!) { updateResult(id: $id, input: $i) { ${RESULT_PAYLOAD} } }`,
  sign: `mutation($id: ID!, $who: ID!) { signResult(id: $id, inspector: $who) { ${RESULT_PAYLOAD} } }`,
  publish: `mutation($id: ID!) { publishResult(id: $id) { ${RESULT_PAYLOAD} } }`,
  correct: `mutation($id: ID!, $i: ResultInput!, $r: String!, $o: ID) { correctResult(id: $id, input: $i, reason: $r, objection: $o) { ${RESULT_PAYLOAD} } }`,
  signCorrection: `mutation($id: ID!) { signCorrection(id: $id) { ${RESULT_PAYLOAD} } }`,
  event: `mutation($r: ID!, $k: ResultEventKind!, $on: Date!, $rect: Boolean) { recordResultEvent(result: $r, kind: $k, occurredOn: $on, rectified: $rect) { ${RESULT_PAYLOAD} } }`,
  file: `mutation($r: ID!, $on: Date!, $by: String!, $g: String!) { fileObjection(result: $r, receivedOn: $on, filedBy: $by, grounds: $g) { __typename ... on Objection { id status } ... on Error { message } ... on RuleError { code } } }`,
  review: `mutation($id: ID!, $on: Date!, $up: Boolean!, $n: String!) { reviewObjection(id: $id, reviewedOn: $on, upheld: $up, note: $n) { __typename ... on Objection { id status upheld } ... on Error { message } ... on RuleError { code } } }`,
  answer: `mutation($id: ID!, $on: Date!, $a: String!) { answerObjection(id: $id, answeredOn: $on, answer: $a) { __typename ... on Objection { id status } ... on Error { message } ... on RuleError { code } } }`,
};

export interface DrawnPick {
  readonly order: number;
  readonly uscc: string;
  readonly enterpriseName: string;
  readonly items: string[];
  readonly team: { leader: { id: string }; members: { id: string }[] };
}

/** A task of the demo county drawn and taken to `until` (INSPECTING by default), with its picks. */
export async function inspectingTask(demo: DemoCounty, input: Record<string, unknown> = {}, until: 'DISPATCHED' | 'ANNOUNCED' | 'INSPECTING' = 'INSPECTING') {
  const task = (await demo.gql(Q.createTask, { j: DEMO, input: { ...TASK_INPUT, ...input } }, demo.tokens.PLANNER)).data.createTask;
  const draw = (await demo.gql(Q.lock, { t: task.id }, demo.tokens.DRAW_OFFICER)).data.lockTask;
  const drawn = (await demo.gql(Q.draw, { d: draw.id }, demo.tokens.DRAW_OFFICER)).data.drawTask;
  expect(drawn.__typename, JSON.stringify(drawn)).toBe('Draw');
  const steps = { DISPATCHED: ['DISPATCH'], ANNOUNCED: ['DISPATCH', 'ANNOUNCE'], INSPECTING: ['DISPATCH', 'ANNOUNCE', 'START_INSPECTION'] }[until];
  for (const s of input.covert ? steps.filter((x) => x !== 'ANNOUNCE') : steps) {
    const r = (await demo.gql(Q.advance, { t: task.id, s }, demo.tokens.DRAW_OFFICER)).data.advanceTask;
    expect(r.__typename, JSON.stringify(r)).toBe('Task');
  }
  return { taskId: task.id as string, drawId: draw.id as string, picks: drawn.picks as DrawnPick[] };
}

/** A result input for a pick: its first drawn item checked, as the team would enter it. */
export const resultInput = (pick: DrawnPick, over: Record<string, unknown> = {}) => ({
  category: 'no-problem', inspectedOn: '2026-03-16', items: pick.items.slice(0, 1).map((code) => ({ code, outcome: 'COMPLIANT' })), summary: '现场检查未发现问题', ...over,
});

/** Every member of the pick's team signs the result. */
export async function signAll(demo: DemoCounty, resultId: string, pick: DrawnPick) {
  for (const who of new Set([pick.team.leader.id, ...pick.team.members.map((m) => m.id)])) {
    const r = (await demo.gql(Q.sign, { id: resultId, who }, demo.tokens.INSPECTOR)).data.signResult;
    expect(r.__typename, JSON.stringify(r)).toBe('InspectionResult');
  }
}
