/**
 * Service and database: a station of `servers` (a database's are its
 * connection pool) with a FIFO line, optionally bounded by `queueCapacity`;
 * after its service a request issues its calls.
 */
import type { ParamsOf } from '../../scenario/schema';
import { compileSampler } from '../distributions';
import { stationArrive } from '../station';
import type { DatabaseData } from '../data';
import type { Behaviour } from './types';

const BULK_RULE = 'served in chunks by the station: at most max(64, 4 × servers) chunks, each holding one server for the summed service time of its calls';

function serverBehaviour(kind: 'service' | 'database'): Behaviour<DatabaseData | null> {
  return {
    kind,
    bulkRule: BULK_RULE,
    compile(sim, node, index) {
      const p = node.params as ParamsOf<'service'>;
      sim.stations.define(index, { servers: p.servers, capacity: p.queueCapacity, discipline: p.queueDiscipline, blocking: p.blocking, dropAbandoned: p.dropAbandoned, serviceTimeMs: compileSampler(p.serviceTimeMs) });
      // With keys a database commits writes and answers with versions (data.ts).
      return kind === 'database' && sim.data !== null ? sim.data.addDatabase(sim, index, node.params as ParamsOf<'database'>) : null;
    },
    arrive: stationArrive,
    keyed:
      kind === 'database'
        ? {
            afterService(sim, j, db) {
              sim.data!.databaseServed(sim, j, db!);
              return false;
            },
            onComplete(sim, j) {
              sim.data!.databaseJobDone(sim, j);
            },
          }
        : undefined,
  };
}

export const serviceBehaviour = serverBehaviour('service');
export const databaseBehaviour = serverBehaviour('database');
export { BULK_RULE as STATION_BULK_RULE };
