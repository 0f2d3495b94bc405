import { useEffect, useState, type ReactNode } from 'react';
import { dropReasonInfo, type Flow, type FlowEndpoint, type PolicyRef } from '@starmap/core';
import { ApiRequestError } from '../api/http';
import { useRawFlow } from '../api/queries';
import { formatAddress } from '../format/address';
import { formatEndpoint } from '../format/endpoint';
import { dnsRcodeName, humanizeEnum, icmpTypeName } from '../format/enums';
import { dropReasonLabel, flowKind, flowSummary, verdictTone } from '../format/flowText';
import { formatFullTime, formatLatency } from '../format/time';

interface FlowDrawerProps {
  flow: Flow;
  onClose: () => void;
}

/** Everything Starmap knows about one flow, grouped, plus the original flow as Hubble printed it. */
export function FlowDrawer({ flow, onClose }: FlowDrawerProps) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const tone = verdictTone(flow.verdict);
  const reason = dropReasonLabel(flow);

  return (
    <aside className="drawer" aria-labelledby="flow-drawer-title" data-testid="flow-drawer" data-flow-id={flow.id}>
      <div className="drawer-head">
        <h2 id="flow-drawer-title" className="drawer-title">
          Flow details
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close flow details" title="Close (Esc)">
          ×
        </button>
      </div>
      <div className="drawer-body">
        <p className="drawer-lead">
          <span className={`verdict verdict--${tone}`}>{flow.verdict}</span>
          {reason && <span className="drop-reason">{reason}</span>}
          <span className="kind-chip">{flowKind(flow)}</span>
          <span className="drawer-summary">{flowSummary(flow) || '—'}</span>
        </p>

        <Section title="Verdict">
          <Field label="Verdict">{flow.verdict}</Field>
          {flow.verdict === 'DROPPED' && (
            <Field label="Drop reason">
              {reason} {flow.dropReason ? <span className="muted">({flow.dropReason})</span> : null}
            </Field>
          )}
          {flow.verdict === 'DROPPED' && flow.dropReason > 0 && (
            <Field label="Cilium says">
              <span data-testid="drawer-drop-reason-text">{dropReasonInfo(flow.dropReason).text}</span>{' '}
              <span className="muted">({dropReasonInfo(flow.dropReason).category})</span>
            </Field>
          )}
          <Field label="Time">
            <span className="pre-line">{formatFullTime(flow.time, flow.ts)}</span>
          </Field>
        </Section>

        <EndpointSection title="Source" endpoint={flow.source} />
        <EndpointSection title="Destination" endpoint={flow.destination} />

        <Section title="L4">
          <Field label="Protocol">{flow.protocol || 'unknown'}</Field>
          <Field label="IP version">{flow.ipVersion ? `IPv${flow.ipVersion}` : 'unknown'}</Field>
          <Field label="Addresses">
            {flow.source.ip || flow.destination.ip ? (
              <code>
                {formatAddress(flow.source.ip || '?', flow.source.port, flow.protocol)} →{' '}
                {formatAddress(flow.destination.ip || '?', flow.destination.port, flow.protocol)}
              </code>
            ) : (
              'not recorded'
            )}
          </Field>
          {flow.tcpFlags.length > 0 && <Field label="TCP flags">{flow.tcpFlags.join(', ')}</Field>}
          {flow.icmp && (flow.protocol === 'ICMPv4' || flow.protocol === 'ICMPv6') && (
            <Field label="ICMP">
              {icmpTypeName(flow.protocol, flow.icmp.type)} (type {flow.icmp.type}, code {flow.icmp.code})
            </Field>
          )}
        </Section>

        {flow.l7 && (
          <Section title="L7">
            <Field label="Record">{humanizeEnum(flow.l7.type)}</Field>
            {flow.l7.latencyNs > 0 && <Field label="Latency">{formatLatency(flow.l7.latencyNs)}</Field>}
            {flow.l7.dns && (
              <>
                <Field label="DNS query">
                  <code>{flow.l7.dns.query}</code> {flow.l7.dns.qtypes.join(', ')}
                </Field>
                {flow.l7.type === 'RESPONSE' && <Field label="DNS rcode">{dnsRcodeName(flow.l7.dns.rcode)}</Field>}
                {flow.l7.dns.ips.length > 0 && <Field label="DNS answers">{flow.l7.dns.ips.join(', ')}</Field>}
              </>
            )}
            {flow.l7.http && (
              <>
                <Field label="HTTP">
                  {flow.l7.http.protocol} {flow.l7.http.method}
                </Field>
                <Field label="URL">
                  <code className="break">{flow.l7.http.url}</code>
                </Field>
                {flow.l7.http.code > 0 && <Field label="Status">{flow.l7.http.code}</Field>}
              </>
            )}
            {flow.l7.kafka && (
              <Field label="Kafka">
                {flow.l7.kafka.apiKey} topic {flow.l7.kafka.topic}
                {flow.l7.kafka.errorCode ? `, error ${flow.l7.kafka.errorCode}` : ''}
              </Field>
            )}
          </Section>
        )}

        <Section title="Path">
          <Field label="Node">{flow.nodeName || 'unknown'}</Field>
          <Field label="Observation point">
            {flow.observationPoint ? (
              <>
                {humanizeEnum(flow.observationPoint)} <span className="muted">({flow.observationPoint})</span>
              </>
            ) : (
              <span className="muted">not reported</span>
            )}
          </Field>
          <Field label="Direction">
            {humanizeEnum(flow.trafficDirection)}
            {flow.isReply === true ? ', reply' : flow.isReply === false ? ', request' : ''}
          </Field>
          {flow.interfaceName && <Field label="Interface">{flow.interfaceName}</Field>}
          {flow.sockXlatePoint && <Field label="Socket translation">{humanizeEnum(flow.sockXlatePoint)}</Field>}
          <Field label="Encrypted">{flow.encrypted ? 'yes' : 'no'}</Field>
          <Field label="Event type">
            {flow.eventType} / {flow.eventSubType}
          </Field>
        </Section>

        <Section title="Policies">
          <Field label="Allowed by">
            <PolicyList policies={flow.allowedBy} />
          </Field>
          <Field label="Denied by">
            <PolicyList policies={flow.deniedBy} />
          </Field>
        </Section>

        <Section title="Identifiers">
          <Field label="Flow id">
            <code className="break">{flow.id}</code>
          </Field>
        </Section>

        <RawJson id={flow.id} />
      </div>
    </aside>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="drawer-section">
      <h3 className="drawer-section-title">{title}</h3>
      <dl className="fields">{children}</dl>
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function EndpointSection({ title, endpoint }: { title: string; endpoint: FlowEndpoint }) {
  const text = formatEndpoint(endpoint);
  return (
    <Section title={title}>
      <Field label="Name">
        <code className="break">{text.text}</code>
        {text.identityTag && <span className="ep-tag">{text.identityTag}</span>}
      </Field>
      {endpoint.namespace && <Field label="Namespace">{endpoint.namespace}</Field>}
      {endpoint.podName && <Field label="Pod">{endpoint.podName}</Field>}
      {endpoint.workload && (
        <Field label="Workload">
          {endpoint.workload} {endpoint.workloadKind && <span className="muted">({endpoint.workloadKind})</span>}
        </Field>
      )}
      <Field label="Identity">{endpoint.identity || 'unknown'}</Field>
      {endpoint.ip && <Field label="IP">{endpoint.ip}</Field>}
      {endpoint.port !== null && endpoint.port !== 0 && <Field label="Port">{endpoint.port}</Field>}
      {endpoint.names.length > 0 && <Field label="DNS names">{endpoint.names.join(', ')}</Field>}
      {endpoint.service && (
        <Field label="Service">
          {endpoint.service.namespace ? `${endpoint.service.namespace}/` : ''}
          {endpoint.service.name}
        </Field>
      )}
      {endpoint.clusterName && <Field label="Cluster">{endpoint.clusterName}</Field>}
      {endpoint.labels.length > 0 && (
        <Field label="Labels">
          <ul className="labels">
            {endpoint.labels.map((label) => (
              <li key={label}>
                <code>{label}</code>
              </li>
            ))}
          </ul>
        </Field>
      )}
    </Section>
  );
}

function PolicyList({ policies }: { policies: readonly PolicyRef[] }) {
  if (policies.length === 0) return <span className="muted">none reported</span>;
  return (
    <ul className="labels">
      {policies.map((p) => (
        <li key={`${p.kind}/${p.namespace}/${p.name}`}>
          {p.kind} <code>{p.namespace ? `${p.namespace}/${p.name}` : p.name}</code>
        </li>
      ))}
    </ul>
  );
}

function RawJson({ id }: { id: string }) {
  const raw = useRawFlow(id);
  const [copied, setCopied] = useState(false);
  const text = raw.data === undefined ? '' : JSON.stringify(raw.data, null, 2);

  useEffect(() => setCopied(false), [id]);

  let body: ReactNode;
  if (raw.isPending) body = <p className="muted">Loading the original flow…</p>;
  else if (raw.error) {
    const notFound = raw.error instanceof ApiRequestError && raw.error.status === 404;
    body = (
      <p className="muted">
        {notFound
          ? 'The server no longer holds this flow: its buffer of recent flows has moved on.'
          : `Cannot load the original flow: ${raw.error.message}`}
      </p>
    );
  } else body = <pre className="raw-json" data-testid="flow-raw-json">{text}</pre>;

  return (
    <details className="drawer-section raw" open>
      <summary className="drawer-section-title">
        Raw JSON <span className="muted">(as hubble observe -o jsonpb prints it)</span>
      </summary>
      {text && (
        <button
          type="button"
          className="text-button"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy JSON'}
        </button>
      )}
      {body}
    </details>
  );
}
