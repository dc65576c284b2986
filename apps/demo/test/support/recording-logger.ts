import type { Logger } from '@sentinel/core';

export interface LogEntry {
  readonly level: 'error' | 'warn' | 'info';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** A core `Logger` that keeps every entry, to check what was logged and what was not. */
export interface RecordingLogger extends Logger {
  readonly entries: LogEntry[];
  /** Entries whose message contains `text`. */
  find(text: string): LogEntry[];
  /** Every entry as one JSON line each, to search for a string anywhere in the log. */
  text(): string;
}

export function recordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const keep =
    (level: LogEntry['level']) =>
    (fields: Record<string, unknown>, message: string): void => {
      entries.push({ level, message, fields });
    };
  return {
    entries,
    error: keep('error'),
    warn: keep('warn'),
    info: keep('info'),
    find: (text) => entries.filter((entry) => entry.message.includes(text)),
    text: () => entries.map((entry) => JSON.stringify(entry)).join('\n'),
  };
}
