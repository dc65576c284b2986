import { StringDecoder } from 'node:string_decoder';
import { OAuthError } from '@sentinel/core';
import { InterruptedError, UsageError } from './errors.js';

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);
const ESCAPE = '\u001b';

export interface PasswordOptions {
  /** Ask twice and require both answers to match (new passwords, when a person types them). */
  readonly confirm: boolean;
}

/**
 * Reads a password, never from the command line. In a terminal it prompts on stderr with echo
 * off (twice when `confirm` is set); otherwise it reads the first line of standard input.
 */
export async function readPassword(options: PasswordOptions): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const line = await readFirstLine(stdin);
    stdin.destroy();
    if (line === null) {
      throw new UsageError(
        'no password on standard input: pipe it as the first line, or run in a terminal to be prompted',
      );
    }
    return line;
  }
  const password = await promptHidden('Password: ', stdin, process.stderr);
  if (!options.confirm) return password;
  const again = await promptHidden('Repeat password: ', stdin, process.stderr);
  if (again !== password) throw new OAuthError('invalid_request', 'The passwords do not match.');
  return password;
}

/**
 * Asks `question` and reads one line with echo off: the terminal is put in raw mode, so every key
 * arrives here. Enter (or Ctrl-D) ends the line, Backspace deletes, Ctrl-C rejects with
 * `InterruptedError`; other control keys are ignored.
 */
function promptHidden(
  question: string,
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const typed: string[] = [];
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error === undefined) resolve(typed.join(''));
      else reject(error);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === CTRL_D) return finish();
        if (char === CTRL_C) return finish(new InterruptedError());
        // An arrow or function key: the rest of the chunk is its escape sequence.
        if (char === ESCAPE) return;
        if (BACKSPACE.has(char)) typed.pop();
        else if (!/\p{Cc}/u.test(char)) typed.push(char);
      }
    };
    // Echo goes off before the question shows, so that nothing typed after it is ever echoed.
    input.setEncoding('utf8');
    input.setRawMode(true);
    output.write(question);
    input.on('data', onData);
    input.resume();
  });
}

/** The first line of a stream without its line ending, or null when the stream is empty. */
function readFirstLine(input: NodeJS.ReadableStream): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let text = '';
    const done = (line: string | null) => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', reject);
      resolve(line?.replace(/\r$/, '') ?? null);
    };
    const onData = (chunk: Buffer | string) => {
      text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const end = text.indexOf('\n');
      if (end !== -1) done(text.slice(0, end));
    };
    const onEnd = () => {
      text += decoder.end();
      done(text === '' ? null : text);
    };
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', reject);
  });
}
