/**
 * The smallest SQL port the runner and the bulk paths need, implemented for PGlite and
 * node-postgres alike, so both databases go through the same code.
 */
export interface SqlSession {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `COPY <table> (<columns>) FROM STDIN` with `data` in COPY text format (copy-text.ts, one line per row):
   * PostgreSQL then inserts rows in batches, much cheaper per row than INSERT … SELECT.
   */
  copyFrom(sql: string, data: string): Promise<void>;
}

export interface SqlConnection extends SqlSession {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
}
