import type { Transport } from '@modelcontextprotocol/client';

/**
 * The SDK reads a few traits off the transport it is given: `pid` + `stderr` make it probe a stdio server in place
 * and treat a silent probe as a legacy server; `hasPerRequestStream` makes it cancel a 2026-era HTTP request by closing
 * its stream. The traffic tap's wrapper must show the same traits as the transport it wraps.
 */
export function mirrorTransportTraits(wrapper: Transport, inner: Transport): Transport {
  for (const trait of ['pid', 'stderr', 'hasPerRequestStream'] as const) {
    if (trait in inner) Object.defineProperty(wrapper, trait, { get: () => (inner as unknown as Record<string, unknown>)[trait], configurable: true, enumerable: false });
  }
  if (inner.setSupportedProtocolVersions) wrapper.setSupportedProtocolVersions = versions => inner.setSupportedProtocolVersions?.(versions);
  return wrapper;
}
