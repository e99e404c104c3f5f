// Traces leave the processes over the wire: the gateway and the worker, started with OTEL_EXPORTER_OTLP_ENDPOINT,
// export over OTLP/HTTP to a real OpenTelemetry Collector (built by provisioning from scripts/otelcol), whose file
// exporter writes what it received. test/integration/tracing.test.ts covers propagation with an in-memory exporter;
// this one covers the exporter, the endpoint path, the resource and the workflow-span sink of the real processes.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../lib/auth.js';
import { CHAT_TURN_WORKFLOW } from '../../lib/contracts/chat.js';
import { bin } from '../../scripts/stack/paths.js';
import { portOpen, startProcess, waitUntil, type Managed } from '../../scripts/stack/process.js';
import { writeWorkflowBundle } from '../../workers/build.js';
import { startApp, type App } from '../support/app.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { freePort } from '../support/ports.js';
import { uniqueId } from '../support/services.js';
import { TestSocket } from '../support/ws-client.js';

/** One span as the file exporter writes it (OTLP JSON), with its resource's service.name. */
interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

interface OtlpLine {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: Omit<Span, 'service'>[] }[];
  }[];
}

/** Every span in the exporter's file: one OTLP JSON document per line, one line per batch received. */
function parseSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
    for (const rs of (JSON.parse(line) as OtlpLine).resourceSpans ?? []) {
      const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
      for (const ss of rs.scopeSpans ?? []) for (const sp of ss.spans ?? []) spans.push({ ...sp, attributes: sp.attributes ?? [], service });
    }
  }
  return spans;
}

const dir = mkdtempSync(join(tmpdir(), 'sparkle-otlp-'));
const spansFile = join(dir, 'spans.jsonl');
const collectorLog = join(process.env.SPARKLE_TEST_DATA_DIR ?? dir, 'otelcol.log');
let collector: Managed | undefined;
let app: App | undefined;
let fake: FakeOpenAI | undefined;

beforeAll(async () => {
  // Without the collector the test itself fails (a throw here would report it as skipped): see its first line.
  if (!existsSync(bin.otelcol)) return;
  const port = await freePort();
  // No processors: every span the receiver accepts goes straight to the file, flushed often so polling sees it.
  const config = [
    'receivers:',
    '  otlp:',
    '    protocols:',
    '      http:',
    `        endpoint: 127.0.0.1:${port}`,
    'exporters:',
    '  file:',
    `    path: ${spansFile}`,
    '    flush_interval: 200ms',
    'service:',
    '  telemetry:',
    '    metrics:',
    '      level: none', // no self-metrics server on :8888 (another test or collector may hold it)
    '  pipelines:',
    '    traces:',
    '      receivers: [otlp]',
    '      exporters: [file]',
  ].join('\n');
  writeFileSync(join(dir, 'otelcol.yaml'), `${config}\n`);
  collector = startProcess('otelcol', bin.otelcol, [`--config=file:${join(dir, 'otelcol.yaml')}`], { logFile: collectorLog });
  await waitUntil('otelcol', () => portOpen(port), { timeoutMs: 30_000, proc: collector, logFile: collectorLog });

  // The shared bundle of the global setup was built without tracing; the worker needs one with the OTel workflow
  // interceptors, built the way production builds it (WORKFLOW_BUNDLE_PATH), with the tracing setting on.
  const bundle = await writeWorkflowBundle(join(dir, 'workflow-bundle.js'), { tracing: true });
  fake = new FakeOpenAI();
  const llm = await fake.start();
  app = await startApp({
    env: {
      LLM_BASE_URL: llm,
      LLM_API_KEY: 'test-key',
      LLM_MODEL: 'fake-model',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      WORKFLOW_BUNDLE_PATH: bundle,
    },
  });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await collector?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('OTLP export to a real OpenTelemetry Collector', () => {
  it('receives one trace of a chat turn from the gateway and the worker, with no token or chat text in it', async () => {
    if (!app) throw new Error(`no OpenTelemetry Collector at ${bin.otelcol}: run \`bash scripts/provision.sh\` (step 2c builds it)`);
    const user = uniqueId('u');
    const token = await signToken(user);
    const sock = await TestSocket.open(app.wsUrl, token);
    const text = 'Explain the chain rule, my locker code is 7391-otlp';
    sock.send({ type: 'chat.send', id: 'otlp-1', text });
    const { end } = await sock.turn('otlp-1');
    sock.close();
    expect(end.type).toBe('chat.done');

    // The SDK's batch processor exports every few seconds, the workflow spans after the activation that ends them:
    // wait until the collector has written the gateway's start span and the worker's workflow run span.
    let raw = '';
    let spans: Span[] = [];
    const runName = `RunWorkflow:${CHAT_TURN_WORKFLOW}`;
    await expect
      .poll(
        async () => {
          raw = existsSync(spansFile) ? await readFile(spansFile, 'utf8') : '';
          spans = parseSpans(raw);
          const start = spans.find((sp) => sp.service === 'sparkle-gateway' && sp.name === `StartWorkflow:${CHAT_TURN_WORKFLOW}`);
          return Boolean(start && spans.some((sp) => sp.traceId === start.traceId && sp.name === runName && sp.service === 'sparkle-worker'));
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);

    const start = spans.find((sp) => sp.service === 'sparkle-gateway' && sp.name === `StartWorkflow:${CHAT_TURN_WORKFLOW}`)!;
    const trace = spans.filter((sp) => sp.traceId === start.traceId);
    const summary = trace.map((sp) => `${sp.service}/${sp.name}`).join(', ');
    expect(new Set(trace.map((sp) => sp.service)), summary).toEqual(new Set(['sparkle-gateway', 'sparkle-worker']));
    // The worker's spans hang under the gateway's: the workflow run's parent chain reaches the start span.
    const byId = new Map(trace.map((sp) => [sp.spanId, sp]));
    const ancestors = (sp: Span): string[] => (sp.parentSpanId && byId.has(sp.parentSpanId) ? [sp.parentSpanId, ...ancestors(byId.get(sp.parentSpanId)!)] : []);
    expect(ancestors(trace.find((sp) => sp.name === runName)!), summary).toContain(start.spanId);
    // The activities of the turn, each exported by the worker in this trace (names as the interceptors make them).
    const activities = trace.filter((sp) => sp.name.startsWith('RunActivity:'));
    expect(
      activities.every((sp) => sp.service === 'sparkle-worker'),
      summary,
    ).toBe(true);
    // (The output guard runs inside llmStream, on the stream; the short steps are local activities, traced too, and
    // the settlement's steps run inside settleTurnAtOnce.)
    expect(
      activities.map((sp) => sp.name),
      summary,
    ).toEqual(
      expect.arrayContaining([
        'RunActivity:inputGuard',
        'RunActivity:loadContext',
        'RunActivity:quotaReserve',
        'RunActivity:llmStream',
        'RunActivity:settleTurnAtOnce',
      ]),
    );

    // Nothing exported (attributes, names, events, anything in the file) carries the JWT, its secret or the chat text.
    for (const secret of [token, process.env.JWT_SECRET!, text, '7391-otlp', 'test-key']) {
      expect(raw.includes(secret), `the exported spans contain ${secret.slice(0, 12)}…`).toBe(false);
    }
    expect(
      trace
        .flatMap((sp) => sp.attributes)
        .map((a) => JSON.stringify(a.value))
        .some((v) => v.includes('chain rule')),
    ).toBe(false);
  });
});
