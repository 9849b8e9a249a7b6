import * as vscode from 'vscode';
import { defaultSamplingSettings, type SamplingSettings } from '../../core/sampling/samplingPolicy';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);

/** `mcpSwitchboard.sampling.*` (application scope: a workspace cannot grant itself sampling). */
export function readSamplingSettings(): SamplingSettings {
  const c = vscode.workspace.getConfiguration('mcpSwitchboard.sampling');
  const cap = c.get<number>('maxRequestsPerMinute', defaultSamplingSettings.maxRequestsPerMinute);
  return {
    allowedServers: strings(c.get('allowedServers')),
    allowedModels: strings(c.get('allowedModels')),
    maxRequestsPerMinute: Number.isFinite(cap) && cap >= 0 ? Math.floor(cap) : defaultSamplingSettings.maxRequestsPerMinute,
  };
}
