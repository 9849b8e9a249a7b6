import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { ParsedConfig } from '../core/config/types';
import { ConfigSettings } from './settingsKeys';
import { settingServers, type SettingsFileText } from './settingServers';

/** The `mcpSwitchboard.servers` setting, positioned in the settings.json file that holds it when there is one. */
export async function readSettingServers(files: string[], log: vscode.LogOutputChannel): Promise<ParsedConfig | undefined> {
  const value = vscode.workspace.getConfiguration(ConfigSettings.section).get<unknown>(ConfigSettings.servers);
  const texts: SettingsFileText[] = [];
  for (const file of files) {
    try { texts.push({ file, text: await fs.readFile(file, 'utf8') }); } catch { /* not there: the value has no positions */ }
  }
  const found = settingServers(value, texts);
  if (found && !found.positioned) {
    for (const d of found.parsed.diagnostics) log.warn(`mcpSwitchboard.servers: ${d.server ? `${d.server}: ` : ''}${d.message}`);
  }
  return found?.parsed;
}
