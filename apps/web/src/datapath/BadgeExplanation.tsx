import type { ReactNode } from 'react';
import { datapathExplanations } from './explanations';
import { timeAgo } from '../services/timeAgo';
import { formatSourceValue, sourceEndpoints, stateWord, valueMeaning, type AgentSourceInfo, type ChipModel } from './badgeModel';
import { StateIcon } from './StateIcon';

interface BadgeExplanationProps {
  chip: ChipModel;
  source: AgentSourceInfo;
  titleId: string;
  now: number;
}

/** What a badge means, what it needs and costs, and exactly which agent fields it came from. */
export function BadgeExplanation({ chip, source, titleId, now }: BadgeExplanationProps) {
  const { badge } = chip;
  const explanation = datapathExplanations[badge.id];
  // Nodes that disagree get the meaning of each of their values.
  const shownValues = chip.difference ? chip.difference.distinct : [badge.value];
  const meanings = explanation
    ? shownValues.flatMap((value) => {
        const meaning = valueMeaning(explanation.values, value);
        return meaning ? [{ value, meaning }] : [];
      })
    : [];
  const multiNode = chip.perNode.length > 1;
  const updated = timeAgo(source.updatedAt, now);

  return (
    <div className="dp-explanation" data-badge-id={badge.id}>
      <h2 id={titleId} className="dp-title">
        {explanation?.title ?? badge.label}
      </h2>
      <p className={`dp-current dp-current--${chip.state}`}>
        <StateIcon state={chip.state} />
        <span>
          {badge.label}: <strong>{chip.value}</strong> <span className="dp-state-word">({stateWord(chip.state)})</span>
        </span>
      </p>
      {chip.difference && (
        <p className="dp-warning" data-testid="datapath-differs">
          Nodes disagree: {chip.difference.distinct.length} different values across {chip.perNode.length} agents (see “Per node”).
        </p>
      )}
      {badge.state === 'unknown' && (
        <p className="dp-unknown" data-testid="datapath-unknown-reason">
          <strong>Unknown:</strong> {badge.reasonUnknown ?? 'the agent did not report this mode.'}
        </p>
      )}
      {badge.warnings.length > 0 && (
        <ul className="dp-warnings" aria-label="Warnings">
          {badge.warnings.map((w) => (
            <li key={w} className="dp-warning">
              <StateIcon state="warn" /> {w}
            </li>
          ))}
        </ul>
      )}
      {meanings.length === 1 && !chip.difference && <p className="dp-meaning">{meanings[0]!.meaning}</p>}
      {chip.difference && meanings.length > 0 && (
        <dl className="fields dp-details dp-meanings">
          {meanings.map((m) => (
            <div key={m.value} className="dp-field">
              <dt>{m.value}</dt>
              <dd>{m.meaning}</dd>
            </div>
          ))}
        </dl>
      )}
      {badge.details.length > 0 && (
        <dl className="fields dp-details">
          {badge.details.map((d) => (
            <div key={d.label} className="dp-field">
              <dt>{d.label}</dt>
              <dd>{d.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {badge.notes.length > 0 && (
        <ul className="dp-notes">
          {badge.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {explanation && (
        <>
          <Section title="What it does">
            <p>{explanation.what}</p>
          </Section>
          {explanation.requires.length > 0 && (
            <Section title="Requires">
              <ul>
                {explanation.requires.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </Section>
          )}
          {explanation.costs.length > 0 && (
            <Section title="Costs">
              <ul>
                {explanation.costs.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </Section>
          )}
        </>
      )}
      {multiNode && (
        <Section title="Per node">
          <table className="dp-table" data-testid="datapath-per-node">
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Value</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {chip.perNode.map((r) => (
                <tr key={r.target} title={r.target}>
                  <td>{r.node}</td>
                  <td>{r.badge ? r.badge.value : <span className="muted">unknown: {r.problem}</span>}</td>
                  <td>
                    {r.badge ? (
                      <span className={`dp-state dp-state--${r.badge.state}`}>
                        <StateIcon state={r.badge.state} /> {stateWord(r.badge.state)}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
      <Section title="Read from">
        <p className="dp-source-line" data-testid="datapath-source">
          {sourceEndpoints(badge.sources)} on <code>{source.target}</code>
          {source.node ? `, node ${source.node}` : ''}
          {source.agentVersion ? `, Cilium ${source.agentVersion}` : ''}
          {updated ? `, read ${updated}` : ''}
        </p>
        {badge.sources.length > 0 ? (
          <table className="dp-table dp-sources">
            <tbody>
              {badge.sources.map((s) => (
                <tr key={`${s.from} ${s.path}`}>
                  <td className="mono dp-path" title={s.from}>
                    {s.path}
                  </td>
                  <td className="mono">{formatSourceValue(s.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No agent field carries this mode.</p>
        )}
      </Section>
      {explanation && (
        <p className="dp-docs">
          <a href={explanation.docs} target="_blank" rel="noreferrer">
            Cilium documentation
          </a>
        </p>
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="dp-section">
      <h3 className="drawer-section-title">{title}</h3>
      {children}
    </section>
  );
}
