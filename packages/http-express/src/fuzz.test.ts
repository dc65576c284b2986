import { httpFuzzSuite } from '@sentinel/core/testing';
import { afterAll } from 'vitest';
import { expressApp } from '../test/app.js';
import { closeAll, serve } from '../test/harness.js';

// Over a real HTTP server: requests Node's own parser would answer first are not generated.
httpFuzzSuite('Express', (core) => serve(expressApp(core)), { overHttp: true });

afterAll(closeAll);
