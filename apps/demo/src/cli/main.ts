#!/usr/bin/env node
import { runCli } from './cli.js';

/**
 * The `sentinel` command. The exit code is set rather than forced, so that stdout is flushed; if
 * a driver still holds the process open after the command has closed everything, it ends soon.
 */
const code = await runCli(process.argv.slice(2), process.env);
process.exitCode = code;
setTimeout(() => process.exit(code), 2000).unref();
