/** Finds the traffic record of a replayed request, so the inspector can select the row the replay produced. */
import type { EngineApi } from '../core/engineApi';

type Traffic = Pick<EngineApi['traffic'], 'records'>;

/** The newest record's seq for `server`, or -1. */
export function lastSeq(traffic: Traffic, server: string): number {
  const recs = traffic.records({ server });
  return recs.length ? recs[recs.length - 1].seq : -1;
}

/** The earliest outgoing `method` request for `server` after `afterSeq`: the one the replay sent. */
export function findReplayedRequest(traffic: Traffic, server: string, method: string, afterSeq: number): number | undefined {
  const recs = traffic.records({ server });
  let first: number | undefined;
  for (let i = recs.length - 1; i >= 0 && recs[i].seq > afterSeq; i--) {
    const r = recs[i];
    if (r.kind === 'request' && r.direction === 'out' && r.method === method) first = r.seq;
  }
  return first;
}
