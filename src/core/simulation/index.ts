export { simulate } from './simulate.ts';
export { ObligationMeter, type YearObligation } from './obligations.ts';
export { YearSimulator, type SimulatedDraw, type SimulatedYear } from './simulate-year.ts';
export { datedPlan, type DatedTask } from './plan.ts';
export { SIMULATION_LIMITS } from './limits.ts';
export type * from './types.ts';
