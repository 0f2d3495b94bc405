// Checks our schema against the field numbers read from Cilium v1.19.4's sources.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { flow } from './index.js';
import { schemaRoot } from './protojson/schema.js';
import { realDataDir } from './test-support/real-data.js';

const listing = readFileSync(path.join(realDataDir, 'cilium-api/proto-field-numbers-1.19.4.txt'), 'utf8');
const packages = ['flow', 'observer', 'relay', 'peer'];

function allTypes(ns: protobuf.NamespaceBase, out: protobuf.ReflectionObject[] = []): protobuf.ReflectionObject[] {
  for (const child of ns.nestedArray) {
    out.push(child);
    if (child instanceof protobuf.Namespace || child instanceof protobuf.Type) allTypes(child, out);
  }
  return out;
}

const root = schemaRoot();
const ours = packages.flatMap((p) => allTypes(root.lookup(p) as protobuf.Namespace));

function candidates<T>(name: string, kind: new (...args: any[]) => T): T[] {
  return ours.filter((o): o is T & protobuf.ReflectionObject => o instanceof kind && o.name === name);
}

/** A listed field matches a field of the message (or of a message nested in it, which the listing inlines). */
function findField(type: protobuf.Type, name: string): protobuf.Field | undefined {
  const own = type.fields[name];
  if (own) return own;
  for (const nested of type.nestedArray) {
    if (nested instanceof protobuf.Type && nested.fields[name]) return nested.fields[name];
  }
  return undefined;
}

const lastSegment = (t: string) => t.slice(t.lastIndexOf('.') + 1);

interface Listed {
  name: string;
  id: number;
  repeated: boolean;
  type: string;
}

function parseFields(body: string): Listed[] {
  return body.split(';').map((part) => {
    const m = /^\s*(\w+)=(\d+) (repeated )?([\w.]+)\s*$/.exec(part);
    if (!m) throw new Error(`cannot parse listed field "${part}"`);
    return { name: m[1]!, id: Number(m[2]), repeated: Boolean(m[3]), type: m[4]! };
  });
}

describe('field numbers match Cilium 1.19.4', () => {
  const messageLines = listing.split('\n').filter((l) => l.startsWith('### ') && !l.startsWith('### enum '));
  const enumLines = listing.split('\n').filter((l) => l.startsWith('### enum '));

  it('has every listed message field with the same number, label and type', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const line of messageLines) {
      const m = /^### (\w+): (.*)$/.exec(line);
      if (!m) throw new Error(`cannot parse "${line}"`);
      const [, messageName, body] = m as unknown as [string, string, string];
      const listed = parseFields(body);
      // Several packages can define a message with the same name (TLS); one must match fully.
      const reports = candidates(messageName, protobuf.Type).map((type) => {
        const missing: string[] = [];
        for (const f of listed) {
          const field = findField(type, f.name);
          if (!field) missing.push(`${f.name} missing`);
          else if (field.id !== f.id) missing.push(`${f.name} is ${field.id}, upstream ${f.id}`);
          else if (field.repeated !== f.repeated) missing.push(`${f.name} repeated=${field.repeated}`);
          else if (lastSegment(field.type) !== lastSegment(f.type)) missing.push(`${f.name} is ${field.type}, upstream ${f.type}`);
        }
        return missing;
      });
      const best = reports.find((r) => r.length === 0);
      if (!best) problems.push(`${messageName}: ${reports[0]?.join(', ') ?? 'no such message'}`);
      checked += listed.length;
    }
    expect(problems).toEqual([]);
    expect(messageLines.length).toBeGreaterThan(35);
    expect(checked).toBeGreaterThan(200);
  });

  it('has every listed enum value with the same number', () => {
    const problems: string[] = [];
    for (const line of enumLines) {
      const m = /^### enum (\w+): (.*)$/.exec(line);
      if (!m) throw new Error(`cannot parse "${line}"`);
      const enums = candidates(m[1]!, protobuf.Enum);
      for (const pair of m[2]!.split(',')) {
        const [name, num] = pair.trim().split('=') as [string, string];
        if (!enums.some((e) => e.values[name] === Number(num))) problems.push(`${m[1]}.${name}=${num}`);
      }
    }
    expect(problems).toEqual([]);
    expect(enumLines.length).toBeGreaterThan(10);
  });

  it('uses the same numbers in the generated static code', () => {
    expect(flow.TraceObservationPoint.TO_ENDPOINT).toBe(101);
    expect(flow.Verdict.TRANSLATED).toBe(7);
    const bytes = flow.Flow.encode({ Summary: 'x' }).finish();
    // field 100000, wire type 2 -> varint key 800002 = 0x82 0xea 0x30
    expect([...bytes.slice(0, 3)]).toEqual([0x82, 0xea, 0x30]);
  });
});
