/**
 * One recorded JSON-RPC message, stderr line or lifecycle event. Shared by the engine's tap, the inspector host and
 * the inspector UI, so it has no runtime dependencies.
 */
export type TrafficDirection = 'out' | 'in' | 'none';
/** `log` is a server's `notifications/message`: its own kind, so the inspector can show or hide server logging. */
/** `auth`: one HTTP step of an OAuth sign-in (metadata, registration, token requests), secrets redacted. */
export type TrafficKind = 'request' | 'response' | 'notification' | 'log' | 'error' | 'stderr' | 'lifecycle' | 'auth';
export type ExchangeStatus = 'pending' | 'ok' | 'error' | 'cancelled' | 'timeout';

export interface TrafficRecord {
  /** Monotonic per engine; the key the UI joins on. */
  seq: number;
  /** Epoch milliseconds. */
  time: number;
  server: string;
  direction: TrafficDirection;
  kind: TrafficKind;
  method?: string;
  id?: string | number;
  /** Size of the serialized message in bytes (UTF-16 length as an approximation for ASCII-heavy JSON). */
  size: number;
  /** The redacted JSON-RPC message. Omitted for stderr/lifecycle, replaced by `preview` when over the size cap. */
  payload?: unknown;
  /**
   * The redacted JSON-RPC message as JSON text, instead of `payload`: the tap keeps the text a transport read or wrote
   * (one flat string costs the garbage collector far less than a message's object tree). Read either with `payloadOf`.
   */
  payloadJson?: string;
  /** Text for stderr and lifecycle records, or a truncated preview of an oversized payload. */
  text?: string;
  truncated?: boolean;
  /** On a response/error: the seq of its request. */
  requestSeq?: number;
  /** On a response/error: milliseconds since its request. */
  durationMs?: number;
  /** On a response/error: how the exchange ended. */
  status?: ExchangeStatus;
  /** For tools/call exchanges: the tool name (on the request and on its response). */
  tool?: string;
  /** The MCP revision the connection spoke when the message passed (e.g. `2025-11-25`, `2026-07-28`); absent before the handshake. */
  protocolVersion?: string;
  /** HTTP details where the transport has them (on the record that ends an exchange). */
  http?: HttpDetails;
}

/** What HTTP carried for one request. */
export interface HttpDetails {
  sessionId?: string;
  status?: number;
  /** The request headers that carry MCP meaning (`Mcp-Method`, `Mcp-Name`, `MCP-Protocol-Version`, `Mcp-Session-Id`, `Mcp-Param-*`), redacted. */
  headers?: Record<string, string>;
}

/** The payload of a record, parsing its JSON text when it was kept as text. */
export function payloadOf(r: TrafficRecord): unknown {
  if (r.payload !== undefined || r.payloadJson === undefined) return r.payload;
  try { return JSON.parse(r.payloadJson); } catch { return r.payloadJson; }
}

/** A record with its payload as an object (e.g. for export or the CLI's recording). */
export function decodeRecord(r: TrafficRecord): TrafficRecord {
  if (r.payloadJson === undefined) return r;
  const { payloadJson: _json, ...rest } = r;
  return { ...rest, payload: payloadOf(r) };
}
