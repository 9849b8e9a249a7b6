/** The records behind the filtered rows, in seq order and decoded, as export sends them to the host. */
import { decodeRecord } from '../src/shared/inspectorProtocol';
import type { TrafficRecord } from '../src/shared/traffic';
import { type Row, rowRecords } from './model';

export function recordsOf(rows: readonly Row[]): TrafficRecord[] {
  const records: TrafficRecord[] = [];
  for (const row of rows) for (const r of rowRecords(row)) records.push(decodeRecord(r));
  return records.sort((a, b) => a.seq - b.seq);
}
