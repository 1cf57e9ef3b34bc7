/**
 * What one simulation may cost (docs/simulation.md, 限额): a request beyond it is refused with
 * one error, before anything is drawn. Work is years × enterprises × tasks × packs: the
 * benchmark's case (1,000 years of 10,000 enterprises, 10 tasks, two packs) is the most allowed.
 */
export const SIMULATION_LIMITS = {
  years: 1000,
  tasks: 60,
  /** Enterprise-draws: years × enterprises × tasks × packs. */
  work: 200_000_000,
  /** Enterprises listed by chance, highest and lowest each. */
  top: 100,
  uscc: 100,
} as const;
