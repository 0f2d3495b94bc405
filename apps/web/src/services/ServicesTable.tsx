import { memo, useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ServiceWithTraffic } from '@starmap/core';
import { BackendsTable } from './BackendsTable';
import { backendCountText, formatCount, serviceName, trafficPolicyText } from './serviceFormat';
import { serviceKey, serviceTypeOf } from './serviceFilter';
import type { ServicesEmptyText } from './servicesEmpty';
import { formatWindow } from './timeAgo';

/** Above this many rows only the visible ones are rendered. */
export const VIRTUALIZE_ABOVE = 200;
const ROW_ESTIMATE = 30;
const COLUMN_COUNT = 10;

interface ServicesTableProps {
  services: readonly ServiceWithTraffic[];
  windowMs: number;
  now: number;
  expanded: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onShowFlows: (service: ServiceWithTraffic) => void;
  empty: ServicesEmptyText | null;
}

export function ServicesTable({ services, windowMs, now, expanded, onToggle, onShowFlows, empty }: ServicesTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualize = services.length > VIRTUALIZE_ABOVE;
  const virtualizer = useVirtualizer({
    count: services.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 10,
    getItemKey: (index) => {
      const s = services[index];
      return s ? serviceKey(s) : index;
    },
    enabled: virtualize,
  });
  const windowText = formatWindow(windowMs);

  const renderGroup = (service: ServiceWithTraffic, index: number) => {
    const key = serviceKey(service);
    return (
      <ServiceGroup
        service={service}
        index={index}
        isExpanded={expanded.has(key)}
        windowMs={windowMs}
        // Only the backends table shows times; collapsed rows need not re-render every second.
        now={expanded.has(key) ? now : 0}
        onToggle={onToggle}
        onShowFlows={onShowFlows}
      />
    );
  };

  return (
    <div className="services-table" data-testid="services-table" data-virtualized={virtualize ? 'true' : 'false'}>
      <div role="table" aria-label="Service frontends and their backends" aria-rowcount={services.length + 1} className="services-grid">
        <div role="rowgroup" className="services-head">
          <div role="row" className="service-row service-row--head" aria-rowindex={1}>
            <div role="columnheader" className="cell">
              <span className="sr-only">Expand</span>
            </div>
            <div role="columnheader" className="cell num">ID</div>
            <div role="columnheader" className="cell">Frontend</div>
            <div role="columnheader" className="cell">Type</div>
            <div role="columnheader" className="cell">Service</div>
            <div role="columnheader" className="cell" title="externalTrafficPolicy / internalTrafficPolicy">
              Traffic policy (ext/int)
            </div>
            <div role="columnheader" className="cell num" title="Active backends / all backends">
              Backends
            </div>
            <div role="columnheader" className="cell num" title={`Flows to this frontend's backends in the last ${windowText}. Counts are kept per backend, so frontends that share backends (a service's ClusterIP, NodePort and LoadBalancer addresses) show the same numbers.`}>
              Flows ({windowText})
            </div>
            <div role="columnheader" className="cell num">Drops</div>
            <div role="columnheader" className="cell">
              <span className="sr-only">Actions</span>
            </div>
          </div>
        </div>
        <div role="rowgroup" className="services-body" ref={scrollRef}>
          {virtualize ? (
            <div className="services-sizer" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const service = services[item.index];
                if (!service) return null;
                return (
                  <div
                    key={item.key}
                    role="none"
                    className="service-slot"
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    {renderGroup(service, item.index)}
                  </div>
                );
              })}
            </div>
          ) : (
            services.map((service, index) => (
              <div key={serviceKey(service)} role="none">
                {renderGroup(service, index)}
              </div>
            ))
          )}
        </div>
      </div>
      {empty && (
        <div className="empty-state services-empty" data-testid="services-empty" data-kind={empty.kind}>
          <p className="empty-title">{empty.title}</p>
          <p className="empty-detail">{empty.detail}</p>
        </div>
      )}
    </div>
  );
}

interface ServiceGroupProps {
  service: ServiceWithTraffic;
  index: number;
  isExpanded: boolean;
  windowMs: number;
  now: number;
  onToggle: (key: string) => void;
  onShowFlows: (service: ServiceWithTraffic) => void;
}

/** One frontend's row and, when expanded, a second row holding its backends. */
const ServiceGroup = memo(function ServiceGroup({ service, index, isExpanded, windowMs, now, onToggle, onShowFlows }: ServiceGroupProps) {
  const key = serviceKey(service);
  const backendsId = `backends-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const policy = trafficPolicyText(service);
  const backends = backendCountText(service);
  const name = serviceName(service);
  const type = serviceTypeOf(service);
  const unhealthy = service.backends.length === 0 || service.activeBackends < service.backends.length;
  const backendsRef = useRef<HTMLDivElement>(null);
  // Only a user's click scrolls: a virtualized row that re-mounts while expanded must not.
  const scrollOnOpen = useRef(false);
  const toggle = () => {
    scrollOnOpen.current = !isExpanded;
    onToggle(key);
  };
  useEffect(() => {
    if (!isExpanded || !scrollOnOpen.current) return;
    scrollOnOpen.current = false;
    // Wait a frame so a virtualized list has measured the taller row.
    const frame = requestAnimationFrame(() => backendsRef.current?.scrollIntoView({ block: 'nearest' }));
    return () => cancelAnimationFrame(frame);
  }, [isExpanded]);
  return (
    <>
      <div
        role="row"
        aria-rowindex={index + 2}
        className={`service-row${isExpanded ? ' is-expanded' : ''}${index % 2 ? ' is-odd' : ''}`}
        data-testid="service-row"
        data-service-id={service.id ?? ''}
        data-service-namespace={service.namespace ?? ''}
        data-service-name={service.name ?? ''}
        data-service-type={type}
        data-flows={service.flows}
        onClick={(e) => {
          // Clicks on the row's own buttons do their own thing.
          if ((e.target as HTMLElement).closest('button')) return;
          toggle();
        }}
      >
        <div role="cell" className="cell">
          <button
            type="button"
            className="expand-button"
            data-testid="service-expand"
            aria-expanded={isExpanded}
            aria-controls={isExpanded ? backendsId : undefined}
            aria-label={`${isExpanded ? 'Hide' : 'Show'} backends of ${name} ${service.address}`}
            onClick={toggle}
          >
            <span className="chevron" aria-hidden="true" />
          </button>
        </div>
        <div role="cell" className="cell num mono">
          {service.id ?? '—'}
        </div>
        <div role="cell" className="cell mono" title={service.frontend.scope ? `scope: ${service.frontend.scope}` : undefined}>
          {service.address}
        </div>
        <div role="cell" className="cell">
          <span className={`type-tag type-tag--${type.toLowerCase().replace(/[^a-z]/g, '')}`}>{type}</span>
        </div>
        <div role="cell" className="cell service-name" title={service.cluster ? `cluster ${service.cluster}` : undefined}>
          {service.namespace && service.name ? (
            <>
              <span className="muted">{service.namespace}/</span>
              {service.name}
            </>
          ) : (
            <span className="muted">{name}</span>
          )}
        </div>
        <div role="cell" className="cell" title={policy.title}>
          {policy.text}
        </div>
        <div role="cell" className={`cell num${unhealthy ? ' backends-short' : ''}`} title={backends.title}>
          {backends.text}
        </div>
        <div role="cell" className={`cell num${service.flows === 0 ? ' muted' : ''}`}>
          {formatCount(service.flows)}
        </div>
        <div role="cell" className={`cell num${service.drops > 0 ? ' has-drops' : ' muted'}`}>
          {formatCount(service.drops)}
        </div>
        <div role="cell" className="cell">
          <button
            type="button"
            className="text-button show-flows"
            data-testid="service-show-flows"
            onClick={() => onShowFlows(service)}
            aria-label={`Show flows in namespace ${service.namespace ?? '(all)'} for ${name}`}
            title={service.namespace ? `Open the Flows view for namespace ${service.namespace}` : 'Open the Flows view'}
          >
            Flows →
          </button>
        </div>
      </div>
      {isExpanded && (
        <div role="row" className="service-backends-row" id={backendsId} ref={backendsRef}>
          <div role="cell" aria-colspan={COLUMN_COUNT} className="service-backends-cell">
            <BackendsTable service={service} windowMs={windowMs} now={now} />
          </div>
        </div>
      )}
    </>
  );
});
