import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import { clampTrafficCapacity, TRAFFIC_CAPACITY } from '../core/traffic/trafficStore';

const key = 'mcpSwitchboard.inspector.maxMessages';

export function configuredTrafficCapacity(): number {
  return clampTrafficCapacity(vscode.workspace.getConfiguration().get<unknown>(key, TRAFFIC_CAPACITY.default));
}

/** Keeps the engine's traffic ring buffer at the configured size. */
export function bindTrafficCapacity(engine: EngineApi): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(e => {
    if (e.affectsConfiguration(key)) engine.traffic.setCapacity(configuredTrafficCapacity());
  });
}
