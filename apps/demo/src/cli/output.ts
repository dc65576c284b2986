import type { Failure } from './errors.js';

/** Where a command writes: stdout for results, stderr for people-only messages. */
export interface Streams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * A command's output. With `--json` it is exactly one JSON document on stdout, the result or the
 * error; without, plain text for people, with errors on stderr.
 */
export class Output {
  constructor(
    readonly json: boolean,
    private readonly streams: Streams = process,
  ) {}

  /** Writes the result: `value` as JSON with `--json`, otherwise the text `human` returns. */
  result(value: unknown, human: () => string): void {
    this.text(this.json ? JSON.stringify(value, null, 2) : human());
  }

  /** Writes text for people on stdout, such as help, whatever the format. */
  text(text: string): void {
    this.streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Reports a failure: `{error, error_description}` on stdout with `--json`, else on stderr. */
  failure(failure: Failure): void {
    if (this.json) {
      const body = { error: failure.error, error_description: failure.description };
      this.streams.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      return;
    }
    const hint = failure.hint === undefined ? '' : `${failure.hint}\n`;
    this.streams.stderr.write(`error: ${failure.description}\n${hint}`);
  }
}

/**
 * An aligned text table: a header row, then one row per entry, columns two spaces apart.
 * Control characters in cells are replaced, so a stored name cannot move the cursor or forge rows.
 */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [headers, ...rows].map((row) => row.map(printable));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  return cells
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}

/** A date as people read it in a table: ISO 8601 to the second, in UTC. */
export function shortDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, '\uFFFD');
}
