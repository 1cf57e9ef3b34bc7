import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';

/** Counts the SQL statements Prisma sends through a driver adapter (tests assert on it). */
export class QueryCounter {
  count = 0;
  readonly statements: string[] = [];
  keepStatements = false;

  record(sql: string): void {
    this.count += 1;
    if (this.keepStatements) this.statements.push(sql);
  }

  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }
}

function countQueries<T extends object>(target: T, counter: QueryCounter): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver);
      if (typeof value !== 'function') return value;
      if (key === 'queryRaw' || key === 'executeRaw') {
        return (query: { sql: string }) => {
          counter.record(query.sql);
          return value.call(obj, query);
        };
      }
      if (key === 'startTransaction') {
        return async (...args: unknown[]) => countQueries((await value.apply(obj, args)) as Transaction, counter);
      }
      return value.bind(obj);
    },
  });
}

export function countingAdapter(factory: SqlDriverAdapterFactory, counter: QueryCounter): SqlDriverAdapterFactory {
  return new Proxy(factory, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver);
      if (key === 'connect') {
        return async () => countQueries((await (value as () => Promise<SqlDriverAdapter>).call(obj)), counter);
      }
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
}
