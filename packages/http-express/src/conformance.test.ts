import { httpConformanceSuite } from '@sentinel/core/testing';
import { afterAll } from 'vitest';
import { expressApp } from '../test/app.js';
import { closeAll, serve } from '../test/harness.js';

httpConformanceSuite('Express', (core) => serve(expressApp(core)));

afterAll(closeAll);
