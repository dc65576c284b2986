/**
 * Structured logging, with the argument order pino uses, so a pino logger can be passed as is.
 * The core never logs a token, a secret, a password or a password hash.
 */
export interface Logger {
  error(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

/** One JSON line per entry on stderr: a reasonable default without a dependency. */
export const consoleLogger: Logger = {
  error: (fields, message) => write('error', fields, message),
  warn: (fields, message) => write('warn', fields, message),
  info: (fields, message) => write('info', fields, message),
};

export const silentLogger: Logger = { error() {}, warn() {}, info() {} };

function write(level: string, fields: Record<string, unknown>, message: string): void {
  process.stderr.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields })}\n`,
  );
}
