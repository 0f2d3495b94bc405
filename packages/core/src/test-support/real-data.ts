/**
 * The real Hubble flows of ../shared/real-data for tests: each line's `flow` as JSON (for
 * expectations computed independently) beside the same flow decoded by our protocol code.
 * Test-only; not built into the package.
 */
import { readFileSync } from 'node:fs';
import { getFlowsResponseFromJson, type flow } from '@starmap/proto';

const REAL_DATA = new URL('../../../../../shared/real-data/', import.meta.url);

export interface RealSample<Raw> {
  raw: Raw;
  flow: flow.IFlow;
}

/** Every flow line of one file, `relative` to ../shared/real-data. */
export function loadRealFlows<Raw>(relative: string): RealSample<Raw>[] {
  return readFileSync(new URL(relative, REAL_DATA), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const json = JSON.parse(line) as { flow: Raw };
      const decoded = getFlowsResponseFromJson(json);
      if (!decoded.flow) throw new Error(`no flow in a line of ${relative}`);
      return { raw: json.flow, flow: decoded.flow };
    });
}
