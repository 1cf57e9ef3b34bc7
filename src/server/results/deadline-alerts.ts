import { createGraphQLError } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';
import { chinaDate } from '../../core/calendar/china-date.ts';
import type { DeadlineStatus } from '../../core/results/deadlines.ts';
import { createSharedLatest, listenTo, type SharedLatest } from '../events/shared-latest.ts';
import type { Services } from '../tasks/services.ts';
import { jurisdictionDeadlines, type TaskDeadline } from './deadlines.ts';

const ALERT: readonly DeadlineStatus[] = ['OVERDUE', 'DUE_SOON'];

/** A list of alerts, or the error its subscribers see when it could not be computed. */
export type DeadlineAlerts = SharedLatest<readonly TaskDeadline[] | GraphQLError>;

/**
 * The overdue and soon-due deadlines of each watched jurisdiction, computed once per change of
 * one of its tasks, results or objections and shared by all its subscribers (the list does not
 * depend on who watches: every member sees all of it). A new China day makes a list stale, since
 * statuses are counted from today.
 */
export function createDeadlineAlerts(s: Services): DeadlineAlerts {
  return createSharedLatest<readonly TaskDeadline[] | GraphQLError>({
    listen: (jurisdictionId, changed) => listenTo(s.events.pubsub.subscribe('task', jurisdictionId), changed),
    compute: async (jurisdictionId) => (await jurisdictionDeadlines(s, jurisdictionId)).filter((d) => ALERT.includes(d.status)),
    stamp: () => chinaDate(new Date()),
    failure: (error, jurisdictionId) => {
      console.error(`deadline alerts of jurisdiction ${jurisdictionId} failed`, error);
      return createGraphQLError('截止期限提醒暂时无法计算，下次变更时将重试 (the deadline alerts could not be computed; they are retried on the next change)', { extensions: { code: 'ALERTS_UNAVAILABLE' } });
    },
  });
}
