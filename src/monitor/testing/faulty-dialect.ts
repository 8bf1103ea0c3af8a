/**
 * A Kysely dialect wrapper that fails on demand, for outage tests and demos: while `fault.down` is set,
 * acquiring a connection and running a query fail the way a lost database connection does; clearing it
 * brings the real database back. Everything else is the wrapped dialect's.
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryResult,
  TransactionSettings,
} from "kysely";

export class FaultSwitch {
  down = false;
  /** Failed attempts while down. */
  failures = 0;
  constructor(readonly message = "connection to the database lost (simulated)") {}

  error(): Error {
    this.failures++;
    return Object.assign(new Error(this.message), { code: "ECONNRESET" });
  }
}

class FaultyConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly fault: FaultSwitch,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.fault.down) return Promise.reject(this.fault.error());
    return this.inner.executeQuery<R>(query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class FaultyDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly fault: FaultSwitch,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.fault.down) throw this.fault.error();
    return new FaultyConnection(await this.inner.acquireConnection(), this.fault);
  }

  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (this.fault.down) return Promise.reject(this.fault.error());
    return this.inner.beginTransaction((conn as FaultyConnection).inner, settings);
  }

  commitTransaction(conn: DatabaseConnection): Promise<void> {
    if (this.fault.down) return Promise.reject(this.fault.error());
    return this.inner.commitTransaction((conn as FaultyConnection).inner);
  }

  rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction((conn as FaultyConnection).inner);
  }

  releaseConnection(conn: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((conn as FaultyConnection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

export function faultyDialect(inner: Dialect, fault: FaultSwitch): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => new FaultyDriver(inner.createDriver(), fault),
  };
}
