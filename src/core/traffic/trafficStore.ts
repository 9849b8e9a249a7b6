import { Emitter, type Disposable, type Event } from '../events';
import type { TrafficRecord } from '../../shared/traffic';
import { RingBuffer } from './ringBuffer';
import { DEFAULT_MAX_PAYLOAD_BYTES, jsonPreviewOf, previewOf } from './payloadPreview';

export interface TrafficStoreOptions {
  capacity: number;
  /** Payloads whose serialized size exceeds this are replaced by a text preview. Default 256 KiB. */
  maxPayloadBytes?: number;
  /** onDidAppend fires at most once per interval. Default 50 ms. */
  batchIntervalMs?: number;
  /**
   * Budget for stored payload and text characters across all records; the oldest records go first when it is
   * exceeded. Default 32 Mi. Without it, capacity × maxPayloadBytes could reach gigabytes with large tool results.
   */
  maxTotalBytes?: number;
}

const DEFAULT_BATCH_INTERVAL_MS = 50;
const DEFAULT_MAX_TOTAL_BYTES = 32 * 1024 * 1024;
/** A rough per-record cost of the record object itself, so a flood of tiny records also counts. */
const RECORD_OVERHEAD_BYTES = 200;

/** The engine's bounded traffic history: a ring buffer of records plus batched change events for the inspector. */
/** Bounds of `mcpSwitchboard.inspector.maxMessages`: a huge value would allocate the ring eagerly and stall Clear. */
export const TRAFFIC_CAPACITY = { min: 100, max: 100_000, default: 10_000 } as const;

/** Any setting value (NaN, a string, 5e9) to a capacity within the setting's bounds. */
export function clampTrafficCapacity(n: unknown): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) return TRAFFIC_CAPACITY.default;
  return Math.min(TRAFFIC_CAPACITY.max, Math.max(TRAFFIC_CAPACITY.min, Math.floor(n)));
}

/** The store never allocates more than the maximum, whoever asks; small capacities stay allowed, invalid ones throw. */
function storeCapacity(n: number): number {
  return n > TRAFFIC_CAPACITY.max ? TRAFFIC_CAPACITY.max : n;
}

export class TrafficStore implements Disposable {
  private readonly buffer: RingBuffer<TrafficRecord>;
  private readonly payloadLimit: number;
  private readonly batchIntervalMs: number;
  private readonly totalBytesLimit: number;
  private storedBytes = 0;
  private readonly appendEmitter = new Emitter<readonly TrafficRecord[]>();
  private readonly clearEmitter = new Emitter<void>();
  private readonly capacityEmitter = new Emitter<number>();
  private pending: TrafficRecord[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private nextSeq = 1;

  /** Batched: at most one event per batch interval, carrying every record appended since the previous event. */
  readonly onDidAppend: Event<readonly TrafficRecord[]> = this.appendEmitter.event;
  readonly onDidClear: Event<void> = this.clearEmitter.event;
  /** Fires after setCapacity changed the ring size, with the new capacity. */
  readonly onDidChangeCapacity: Event<number> = this.capacityEmitter.event;

  constructor(opts: TrafficStoreOptions) {
    this.buffer = new RingBuffer(storeCapacity(opts.capacity));
    this.payloadLimit = opts.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.batchIntervalMs = opts.batchIntervalMs ?? DEFAULT_BATCH_INTERVAL_MS;
    this.totalBytesLimit = opts.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  }

  get size(): number { return this.buffer.size; }
  get capacity(): number { return this.buffer.capacity; }
  get maxPayloadBytes(): number { return this.payloadLimit; }

  /** Approximate characters held by stored payloads and texts. */
  get totalBytes(): number { return this.storedBytes; }

  setCapacity(n: number): void {
    const before = this.buffer.capacity;
    this.buffer.resize(storeCapacity(n));
    this.storedBytes = this.buffer.toArray().reduce((sum, r) => sum + storedBytesOf(r), 0);
    this.trimPending();
    if (this.buffer.capacity !== before) this.capacityEmitter.fire(this.buffer.capacity);
  }

  /**
   * Assigns the next seq and stores the record, evicting the oldest beyond capacity. The store takes ownership of the
   * object (it becomes the stored record) so the hot path copies nothing.
   */
  append(record: Omit<TrafficRecord, 'seq'>): TrafficRecord {
    const owned = record as TrafficRecord;
    owned.seq = this.nextSeq++;
    const stored = this.withinPayloadLimit(owned);
    const evicted = this.buffer.push(stored);
    this.storedBytes += storedBytesOf(stored) - (evicted ? storedBytesOf(evicted) : 0);
    while (this.storedBytes > this.totalBytesLimit && this.buffer.size > 1) this.storedBytes -= storedBytesOf(this.buffer.shift()!);
    this.pending.push(stored);
    this.trimPending();
    this.scheduleBatch();
    return stored;
  }

  /** Current contents, oldest first. */
  records(filter?: { server?: string }): TrafficRecord[] {
    const server = filter?.server;
    return server === undefined ? this.buffer.toArray() : this.buffer.toArray(r => r.server === server);
  }

  clear(): void {
    this.buffer.clear();
    this.storedBytes = 0;
    this.pending = [];
    this.cancelBatch();
    this.clearEmitter.fire();
  }

  /** Emits the pending batch now. */
  flush(): void {
    this.cancelBatch();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.appendEmitter.fire(batch);
  }

  dispose(): void {
    this.cancelBatch();
    this.pending = [];
    this.appendEmitter.dispose();
    this.clearEmitter.dispose();
    this.capacityEmitter.dispose();
  }

  private withinPayloadLimit(record: TrafficRecord): TrafficRecord {
    if (record.payload !== undefined && record.size > this.payloadLimit) {
      const { payload, ...rest } = record;
      return { ...rest, truncated: true, text: record.text ?? jsonPreviewOf(payload, record.size) };
    }
    if (record.payloadJson !== undefined && record.payloadJson.length > this.payloadLimit) {
      const { payloadJson, ...rest } = record;
      return { ...rest, truncated: true, text: record.text ?? previewOf(payloadJson) };
    }
    if (record.text !== undefined && record.text.length > this.payloadLimit) {
      return { ...record, truncated: true, text: previewOf(record.text) };
    }
    return record;
  }

  /** A burst between two batches must not hold more records than the buffer itself keeps. */
  private trimPending(): void {
    if (this.pending.length > 2 * this.buffer.capacity) this.pending = this.pending.slice(-this.buffer.capacity);
  }

  private scheduleBatch(): void {
    if (this.batchTimer) return;
    this.batchTimer = setTimeout(() => this.flush(), this.batchIntervalMs);
    this.batchTimer.unref?.();
  }

  private cancelBatch(): void {
    if (!this.batchTimer) return;
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
  }
}

function storedBytesOf(record: TrafficRecord): number {
  return RECORD_OVERHEAD_BYTES + (record.payload === undefined ? record.payloadJson?.length ?? 0 : record.size) + (record.text?.length ?? 0);
}
