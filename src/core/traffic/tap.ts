import type { ExchangeStatus, HttpDetails, TrafficRecord } from '../../shared/traffic';
import type { MetricsRegistry } from '../metrics/metricsRegistry';
import { ExchangeTracker, type Exchange } from './exchangeTracker';
import { CANCELLED_NOTIFICATION, LOG_MESSAGE_NOTIFICATION, TOOLS_CALL, cancellationOf, cancellationStatus, isRequestId, resultFailure, toolName, type RequestId } from './jsonRpcMessage';
import { MAX_DEPTH, jsonPrefix, measureJson } from './jsonMeasure';
import { PREVIEW_CHARS, previewOf } from './payloadPreview';
import { Redactor } from './redact';
import type { TrafficStore } from './trafficStore';

/** The SDK's Transport, typed structurally so src/core stays SDK-free. */
export interface JsonRpcTransportLike {
  start(): Promise<void>;
  send(message: any, options?: any): Promise<void>;
  close(): Promise<void>;
  onmessage?: (message: any, extra?: any) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  sessionId?: string;
  setProtocolVersion?: (version: string) => void;
}

/**
 * A transport that shares the JSON text it reads and writes, so the tap keeps that text instead of the message objects
 * and the message is serialized once (ManagedStdioTransport is one).
 */
export interface JsonTextTransportLike extends JsonRpcTransportLike {
  /** Set by the tap; when set, the transport calls it instead of `onmessage`, with the line the message was parsed from. */
  onmessageText?: (message: any, text: string) => void;
  /** Sends `message` whose JSON text (`JSON.stringify(message)`) the caller already made. */
  sendText(message: any, text: string): Promise<void>;
}

function sharesText(transport: JsonRpcTransportLike): transport is JsonTextTransportLike {
  return typeof (transport as Partial<JsonTextTransportLike>).sendText === 'function';
}

export interface TrafficTapOptions {
  server: string;
  store: TrafficStore;
  metrics: MetricsRegistry;
  secrets?: readonly string[];
  /** Clock for record times and durations (tests). Default: Date.now for times, performance.now for durations. */
  now?: () => number;
}

/**
 * Records one server's traffic: every JSON-RPC message in both directions, stderr and lifecycle events. Pairs responses
 * with requests, classifies how each exchange ended and feeds the metrics registry with client→server requests.
 */
export class TrafficTap {
  private readonly server: string;
  private readonly store: TrafficStore;
  private readonly metrics: MetricsRegistry;
  private readonly clock: () => number;
  private readonly monotonic: () => number;
  private readonly exchanges = new ExchangeTracker();
  private redactor: Redactor;
  private protocolVersion?: string;
  private httpDetails?: (id: RequestId) => HttpDetails | undefined;

  constructor(opts: TrafficTapOptions) {
    this.server = opts.server;
    this.store = opts.store;
    this.metrics = opts.metrics;
    this.clock = opts.now ?? Date.now;
    this.monotonic = opts.now ?? (() => performance.now());
    this.redactor = new Redactor(opts.secrets ?? []);
  }

  /** Requests in either direction still waiting for their response. */
  get pendingCount(): number { return this.exchanges.pendingCount; }

  /** Stamps the records from now on with the negotiated MCP revision; undefined while a new connection negotiates. */
  setProtocolVersion(version: string | undefined): void {
    this.protocolVersion = version;
  }

  /** Where the HTTP details of our requests come from (the transport's fetch); undefined for stdio. */
  setHttpDetails(source: ((id: RequestId) => HttpDetails | undefined) | undefined): void {
    this.httpDetails = source;
  }

  setSecrets(secrets: readonly string[]): void {
    this.redactor = new Redactor(secrets);
  }

  /** A transport for the SDK Client to connect() to; the handlers the Client assigns later are forwarded. */
  wrap(transport: JsonRpcTransportLike): JsonRpcTransportLike {
    let onmessage: JsonRpcTransportLike['onmessage'];
    let onclose: JsonRpcTransportLike['onclose'];
    let onerror: JsonRpcTransportLike['onerror'];
    this.exchanges.forgetEnded();

    transport.onmessage = (message, extra) => {
      this.tryRecord(message, 'in');
      onmessage?.(message, extra);
    };
    const textual = sharesText(transport) ? transport : undefined;
    if (textual) {
      textual.onmessageText = (message, text) => {
        this.tryRecord(message, 'in', text);
        onmessage?.(message);
      };
    }
    transport.onclose = () => {
      onclose?.();
      // Whoever listens to onclose may already have abandoned them with a better reason.
      this.abandonPending('Connection closed');
    };
    transport.onerror = error => {
      this.lifecycle(`Transport error: ${error?.message ?? String(error)}`);
      onerror?.(error);
    };

    const wrapped: JsonRpcTransportLike = {
      start: () => transport.start(),
      send: (message, options) => {
        const text = textual ? jsonTextOf(message) : undefined;
        this.tryRecord(message, 'out', text);
        const sent = textual && text !== undefined ? textual.sendText(message, text) : transport.send(message, options);
        return sent.catch((error: unknown) => {
          this.sendFailed(message, error);
          throw error;
        });
      },
      close: () => transport.close(),
      get onmessage() { return onmessage; },
      set onmessage(handler) { onmessage = handler; },
      get onclose() { return onclose; },
      set onclose(handler) { onclose = handler; },
      get onerror() { return onerror; },
      set onerror(handler) { onerror = handler; },
      get sessionId() { return transport.sessionId; },
    };
    // The SDK only calls setProtocolVersion when the transport has it, so mirror its presence.
    if (transport.setProtocolVersion) wrapped.setProtocolVersion = version => transport.setProtocolVersion?.(version);
    return wrapped;
  }

  stderr(line: string): void {
    this.store.append({ time: this.clock(), server: this.server, direction: 'in', kind: 'stderr', size: line.length, text: this.redactor.redactString(line) });
  }

  lifecycle(text: string): void {
    this.store.append({ time: this.clock(), server: this.server, direction: 'none', kind: 'lifecycle', size: text.length, text: this.redactor.redactString(text) });
  }

  /** The connection died: every pending request ends as an error with `reason`. */
  abandonPending(reason: string): void {
    for (const exchange of this.exchanges.drain()) this.endWithoutResponse(exchange, reason);
  }

  private recordMessage(message: any, direction: 'out' | 'in', text?: string): void {
    if (Array.isArray(message)) {
      // A batch's text is the whole array: each message is serialized on its own.
      for (const item of message) this.recordMessage(item, direction);
      return;
    }
    // Built once and handed to the store as is: no copies on the hot path.
    const record: Omit<TrafficRecord, 'seq'> = { time: this.clock(), server: this.server, direction, kind: 'notification', size: 0 };
    if (this.protocolVersion) record.protocolVersion = this.protocolVersion;
    // The SDK's HTTP and SSE transports hand over objects only: serialized once here, so no record holds the message's
    // object tree (the GC cost) or a reference the client may still change. Unserializable ones are walked instead.
    const json = text ?? jsonTextOf(message);
    if (json === undefined) this.attachContent(record, message); else this.attachText(record, message, json);
    const method: unknown = message?.method;
    if (typeof method !== 'string') this.recordResponse(record, message, direction);
    else if (isRequestId(message.id)) this.recordRequest(record, message, method, message.id);
    else this.recordNotification(record, message, method);
  }

  private recordRequest(record: Omit<TrafficRecord, 'seq'>, message: any, method: string, id: RequestId): void {
    const direction = record.direction as 'out' | 'in';
    const tool = method === TOOLS_CALL ? toolName(message) : undefined;
    record.kind = 'request';
    record.method = method;
    record.id = id;
    if (tool !== undefined) record.tool = tool;
    const startedAt = this.monotonic();
    const { seq } = this.store.append(record);
    this.exchanges.begin({ direction, id, method, tool, requestSeq: seq, startedAt });
    if (direction === 'out') this.metrics.requestStarted(this.server, method, tool);
  }

  /** A `notifications/cancelled` from a sender ends its own pending request as timed out or cancelled. */
  private recordNotification(record: Omit<TrafficRecord, 'seq'>, message: any, method: string): void {
    record.method = method;
    if (method === LOG_MESSAGE_NOTIFICATION) record.kind = 'log';
    const cancellation = method === CANCELLED_NOTIFICATION ? cancellationOf(message) : undefined;
    const status = cancellation && cancellationStatus(cancellation.reason);
    const exchange = cancellation && status && this.exchanges.endEarly(record.direction, cancellation.id, status);
    if (exchange && status) {
      const durationMs = this.pair(record, exchange, status);
      if (exchange.direction === 'out') this.metrics.requestEnded(this.server, exchange.method, exchange.tool, durationMs, status, cancellation.reason);
    }
    this.store.append(record);
  }

  /** Pairs a response with its request and, for client requests, reports the outcome to the metrics. */
  private recordResponse(record: Omit<TrafficRecord, 'seq'>, message: any, direction: 'out' | 'in'): void {
    const rpcError = message?.error !== undefined ? String(message.error?.message ?? 'Unknown error') : undefined;
    record.kind = rpcError === undefined ? 'response' : 'error';
    const id: unknown = message?.id;
    if (isRequestId(id)) {
      record.id = id;
      const requestDirection = direction === 'out' ? 'in' : 'out';
      const exchange = this.exchanges.complete(requestDirection, id);
      if (exchange) {
        const failure = rpcError ?? resultFailure(exchange.method, message);
        const outcome = failure === undefined ? 'ok' : 'error';
        const durationMs = this.pair(record, exchange, outcome);
        record.method = exchange.method;
        if (requestDirection === 'out') this.attachHttp(record, id);
        if (requestDirection === 'out') this.metrics.requestEnded(this.server, exchange.method, exchange.tool, durationMs, outcome, failure);
      } else {
        // A late answer to a request that already timed out or was cancelled: shown paired, not counted again.
        const late = this.exchanges.takeEnded(requestDirection, id);
        if (late) {
          this.pair(record, late, late.status);
          record.method = late.method;
        }
      }
    }
    this.store.append(record);
  }

  private sendFailed(message: any, error: unknown): void {
    if (typeof message?.method !== 'string' || !isRequestId(message.id)) return;
    const exchange = this.exchanges.complete('out', message.id);
    if (exchange) this.endWithoutResponse(exchange, `Send failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** A synthetic error record standing in for the response that will never come. */
  private endWithoutResponse(exchange: Exchange, reason: string): void {
    const record: Omit<TrafficRecord, 'seq'> = {
      time: this.clock(), server: this.server, direction: 'none', kind: 'error', method: exchange.method, id: exchange.id,
      size: 0, text: this.redactor.redactString(reason),
    };
    const durationMs = this.pair(record, exchange, 'error');
    if (exchange.direction === 'out') this.attachHttp(record, exchange.id);
    this.store.append(record);
    if (exchange.direction === 'out') this.metrics.requestEnded(this.server, exchange.method, exchange.tool, durationMs, 'error', reason);
  }

  /** What HTTP carried for our request `id`, on the record that ends it; header values lose the server's secrets. */
  private attachHttp(record: Omit<TrafficRecord, 'seq'>, id: RequestId): void {
    const details = this.httpDetails?.(id);
    if (!details) return;
    record.http = details.headers ? { ...details, headers: this.redactor.redactHeaders(details.headers) } : details;
  }

  /** Marks a record as ending `exchange`; returns the exchange's duration. */
  private pair(record: Omit<TrafficRecord, 'seq'>, exchange: Exchange, status: ExchangeStatus): number {
    const durationMs = Math.round((this.monotonic() - exchange.startedAt) * 1000) / 1000;
    record.requestSeq = exchange.requestSeq;
    record.durationMs = durationMs;
    record.status = status;
    if (exchange.tool !== undefined) record.tool = exchange.tool;
    return durationMs;
  }

  /**
   * Sets size and content of a message JSON.stringify refused (a BigInt, a cycle): the message object itself is stored
   * unless it holds a secret (then a redacted copy) or is oversized or too deep (then a preview).
   */
  private attachContent(record: Omit<TrafficRecord, 'seq'>, message: unknown): void {
    const redactor = this.redactor;
    const { size, hasSecret, tooDeep } = measureJson(message, redactor.active ? text => redactor.containsSecret(text) : undefined);
    record.size = size;
    // Too deep to serialize later (encoding, export): stored as a preview whose deep part is a placeholder.
    if (size > this.store.maxPayloadBytes || tooDeep) {
      record.truncated = true;
      // The extra head room means a secret straddling the preview's end is still seen whole and redacted.
      record.text = previewOf(hasSecret ? redactor.redactJson(jsonPrefix(message, 2 * PREVIEW_CHARS)) : jsonPrefix(message, PREVIEW_CHARS), size);
    } else {
      record.payload = hasSecret ? redactor.redactValue(JSON.parse(JSON.stringify(message))) : message;
    }
  }

  /**
   * Sets size and content from the message's JSON text: the text itself is kept (no walk of the message, no object tree
   * retained) unless it holds a secret (then a redacted text), is oversized or nests too deep (then a preview).
   */
  private attachText(record: Omit<TrafficRecord, 'seq'>, message: unknown, text: string): void {
    const redactor = this.redactor;
    const hasSecret = redactor.active && redactor.containsSecret(text);
    record.size = text.length;
    if (text.length > this.store.maxPayloadBytes) {
      record.truncated = true;
      record.text = previewOf(hasSecret ? redactor.redactJson(text.slice(0, 2 * PREVIEW_CHARS)) : text.slice(0, PREVIEW_CHARS), text.length);
    } else if (nestsDeeperThan(text, MAX_DEPTH + 1)) {
      record.truncated = true;
      record.text = previewOf(hasSecret ? redactor.redactJson(jsonPrefix(message, 2 * PREVIEW_CHARS)) : jsonPrefix(message, PREVIEW_CHARS), text.length);
    } else {
      record.payloadJson = hasSecret ? redactor.redactJson(text) : text;
    }
  }

  /** The tap must never break the connection it watches: recording is best effort, the message still flows. */
  private tryRecord(message: unknown, direction: 'out' | 'in', text?: string): void {
    try {
      this.recordMessage(message, direction, text);
    } catch {}
  }
}

/** The message's JSON text, or undefined when it cannot be serialized (a BigInt, a cycle, a stack overflow). */
function jsonTextOf(message: unknown): string | undefined {
  try { return JSON.stringify(message); } catch { return undefined; }
}

/**
 * Whether JSON text nests arrays/objects deeper than `max` levels. Counting brackets first (a native search) keeps the
 * usual message, with a few dozen brackets, from being scanned character by character.
 */
export function nestsDeeperThan(json: string, max: number): boolean {
  let brackets = 0;
  for (let i = json.indexOf('{'); i !== -1 && brackets <= max; i = json.indexOf('{', i + 1)) brackets++;
  for (let i = json.indexOf('['); i !== -1 && brackets <= max; i = json.indexOf('[', i + 1)) brackets++;
  if (brackets <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) { if (++depth > max) return true; }
    else if (c === 125 || c === 93) depth--;
  }
  return false;
}
