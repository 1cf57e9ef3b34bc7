import { createGraphQLError } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';
import { chinaDate } from '../../core/calendar/china-date.ts';
import { measureCompliance } from '../../core/compliance/measure-compliance.ts';
import type { ComplianceWarning } from '../../core/compliance/types.ts';
import { createSharedLatest, listenTo, type SharedLatest } from '../events/shared-latest.ts';
import type { Services } from '../tasks/services.ts';
import { loadComplianceFacts } from './load-facts.ts';

/** A jurisdiction's warnings this year, or the error its subscribers see when they could not be computed. */
export type ComplianceWarnings = SharedLatest<readonly ComplianceWarning[] | GraphQLError>;

/**
 * 预警: what is still due before the half-year or the year ends, per watched jurisdiction, computed
 * once per change of one of its tasks, draws or results (the 'task' events every instance hears
 * over Redis) and shared by all its subscribers: the warnings do not depend on who watches. A new
 * China day makes them stale, since they count the days left from today.
 */
export function createComplianceWarnings(s: Services): ComplianceWarnings {
  return createSharedLatest<readonly ComplianceWarning[] | GraphQLError>({
    listen: (jurisdictionId, changed) => listenTo(s.events.pubsub.subscribe('task', jurisdictionId), changed),
    compute: async (jurisdictionId) => {
      const j = await s.prisma.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { id: true, code: true, name: true, level: true, rulePackId: true, rulePackVersion: true } });
      const today = chinaDate(new Date());
      return measureCompliance(await loadComplianceFacts(s, j, Number(today.slice(0, 4)), today)).warnings;
    },
    stamp: () => chinaDate(new Date()),
    failure: (error, jurisdictionId) => {
      console.error(`compliance warnings of jurisdiction ${jurisdictionId} failed`, error);
      return createGraphQLError('合规预警暂时无法计算，下次变更时将重试 (the compliance warnings could not be computed; they are retried on the next change)', { extensions: { code: 'WARNINGS_UNAVAILABLE' } });
    },
  });
}
